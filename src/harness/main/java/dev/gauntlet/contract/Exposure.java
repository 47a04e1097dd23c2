package dev.gauntlet.contract;

import java.util.List;

/**
 * Response fields of one operation that the provider returned but no consumer's contract mentions (excessive data
 * exposure).
 *
 * @param operation {@code METHOD /path/template}
 * @param fields    field paths, arrays as {@code []} ({@code items[].internalCostCents}); never empty
 */
public record Exposure(String operation, List<String> fields) {
    public Exposure {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("an exposure names at least one field");
        }
    }
}
