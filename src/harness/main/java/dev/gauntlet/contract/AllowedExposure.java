package dev.gauntlet.contract;

import java.util.Objects;

/**
 * A response field no contract mentions that the environment file deliberately allows
 * ({@code contracts.allowExposure}).
 *
 * @param operation {@code METHOD /path/template}, e.g. {@code GET /products}, or {@code *}: any operation
 * @param field     field path with arrays as {@code []}, e.g. {@code items[].name}
 * @param reason    why exposing it is fine; required
 */
public record AllowedExposure(String operation, String field, String reason) {
    public AllowedExposure {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(field, "field");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an allowed exposure needs a reason: " + operation + " " + field);
        }
    }

    /** Whether it allows the field of every operation ({@code operation: "*"}). */
    public boolean anyOperation() {
        return operation.equals("*");
    }

    boolean allows(String op, String path) {
        return field.equals(path) && (anyOperation() || PathTemplates.key(operation).equals(PathTemplates.key(op)));
    }
}
