package dev.gauntlet.load;

/** The load stage could not produce results; carries the worker's log tail. */
public final class LoadException extends RuntimeException {
    private final String logTail;

    public LoadException(String problem, String logTail) {
        super(problem + (logTail.isBlank() ? "" : "\n--- last lines of the load worker's log ---\n" + logTail));
        this.logTail = logTail;
    }

    public String logTail() {
        return logTail;
    }
}
