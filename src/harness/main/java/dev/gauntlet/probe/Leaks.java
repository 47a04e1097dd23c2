package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Whether a refusal carries the resource's data: values of the owner's answer that reappear in it. */
final class Leaks {
    private static final int MIN_LENGTH = 4;

    private Leaks() {
    }

    /**
     * Text values of {@code owner} (at least 4 characters) found in {@code refusal}, except those the probe's own
     * request carries (a 404 may name the id it was asked for).
     */
    static List<String> of(JsonNode owner, String refusal, Call sent) {
        if (owner == null || refusal == null || refusal.isBlank()) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        collect(owner, values);
        String request = sent.uri() + " " + (sent.body() == null ? "" : sent.body());
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (refusal.contains(v) && !request.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isTextual()) {
            if (node.asText().trim().length() >= MIN_LENGTH) {
                out.add(node.asText());
            }
        } else if (node.isContainerNode()) {
            node.elements().forEachRemaining(n -> collect(n, out));
        }
    }
}
