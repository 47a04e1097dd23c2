package dev.gauntlet.environment;

/** A service could not be started or never became healthy. Carries the service's log tail as evidence. */
public final class EnvironmentException extends RuntimeException {
    private final String service;
    private final String logTail;

    public EnvironmentException(String service, String problem, String logTail) {
        super("service '" + service + "' " + problem + (logTail.isBlank() ? " (its log is empty)"
                : "\n--- last lines of " + service + "'s log ---\n" + logTail));
        this.service = service;
        this.logTail = logTail;
    }

    public String service() {
        return service;
    }

    public String logTail() {
        return logTail;
    }
}
