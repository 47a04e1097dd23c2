package dev.gauntlet.probe;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of security probe, each switchable in {@code security:} of the environment file. */
public enum ProbeKind {
    /** No credentials, and unknown credentials, must be refused (401/403) without the resource's data. */
    AUTHENTICATION("authentication", "authentication"),
    /** A second identity must get 403/404 on someone else's resource, and the resource must stay unchanged. */
    BOLA("bola", "object-level authorization"),
    /** Broken request bodies must get a 4xx, never a 5xx, and no internals. */
    VALIDATION("validation", "input validation"),
    /** Undeclared properties in a request body must not change what is stored. */
    MASS_ASSIGNMENT("massAssignment", "mass assignment");

    private final String field;
    private final String title;

    ProbeKind(String field, String title) {
        this.field = field;
        this.title = title;
    }

    /** The switch's name in {@code security:} ({@code bola: false}); how report.json names the kind. */
    @JsonValue
    public String field() {
        return field;
    }

    /** How reports name it ({@code object-level authorization}). */
    public String title() {
        return title;
    }
}
