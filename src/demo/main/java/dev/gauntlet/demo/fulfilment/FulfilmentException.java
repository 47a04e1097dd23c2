package dev.gauntlet.demo.fulfilment;

/** The Orders API answered fulfilment with an error status. */
public final class FulfilmentException extends RuntimeException {

    private final int status;

    public FulfilmentException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
