package dev.gauntlet.contract;

/**
 * The Pact Broker could not be used: what went wrong and what to do, with the exit code it means for the CLI
 * ({@code 2}: a mistake in the configuration or credentials; {@code 3}: the broker cannot be reached or answered
 * something unexpected).
 */
public final class BrokerException extends RuntimeException {
    /** Exit code of a configuration or credentials problem. */
    public static final int CONFIGURATION = 2;
    /** Exit code of a broker that cannot be reached or answered unexpectedly. */
    public static final int UNREACHABLE = 3;

    private final int exitCode;

    public BrokerException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public BrokerException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    /** {@value #CONFIGURATION} or {@value #UNREACHABLE}. */
    public int exitCode() {
        return exitCode;
    }
}
