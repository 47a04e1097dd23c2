package dev.gauntlet.config;

import java.nio.file.Path;

/**
 * A user mistake in an environment file: names the file, the field and what was expected, so a person can fix it
 * without reading a stack trace. Maps to exit code 2.
 */
public final class ConfigException extends RuntimeException {
    private final Path file;
    private final String field;

    public ConfigException(Path file, String field, String problem) {
        super(file + (field.isEmpty() ? "" : ": " + field) + ": " + problem);
        this.file = file;
        this.field = field;
    }

    /** The environment file that holds the mistake. */
    public Path file() {
        return file;
    }

    /** Dotted path of the offending field ({@code services.orders-api.health}), empty for the whole file. */
    public String field() {
        return field;
    }
}
