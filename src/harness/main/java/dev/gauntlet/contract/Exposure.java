package dev.gauntlet.contract;

import java.util.List;

/**
 * Response fields of one operation that the provider returned but no consumer's contract mentions (excessive data
 * exposure).
 *
 * @param operation {@code METHOD /path/template}
 * @param fields    field paths, arrays as {@code []} ({@code items[].internalCostCents}); never empty
 * @param pending   whether only interactions of pending pacts (on the Pact Broker) exercise the operation: the
 *                  finding WARNs, never FAILs
 */
public record Exposure(String operation, List<String> fields, boolean pending) {
    public Exposure {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("an exposure names at least one field");
        }
    }

    /** Fields of an operation that some pact that is not pending exercises. */
    public Exposure(String operation, List<String> fields) {
        this(operation, fields, false);
    }
}
