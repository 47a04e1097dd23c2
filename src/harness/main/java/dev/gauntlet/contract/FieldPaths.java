package dev.gauntlet.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field paths of a JSON body, with arrays normalised to {@code []}: {@code {"items":[{"sku":"a"}],"page":1}} has
 * {@code items}, {@code items[].sku} and {@code page}. A body that is an array starts with {@code []}
 * ({@code [].sku}).
 */
final class FieldPaths {
    private FieldPaths() {
    }

    /** Every field path in {@code body}, sorted; empty for scalars and null. */
    static Set<String> of(JsonNode body) {
        Set<String> out = new TreeSet<>();
        if (body != null) {
            walk(body, "", out);
        }
        return out;
    }

    private static void walk(JsonNode node, String prefix, Set<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(path);
                walk(e.getValue(), path, out);
            });
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walk(element, prefix + "[]", out);
            }
        }
    }

    /**
     * Paths in {@code actual} that {@code mentioned} lacks, topmost only: when a whole object {@code cost} is
     * unmentioned, {@code cost} is reported and {@code cost.amount} is not.
     */
    static List<String> unmentioned(Set<String> actual, Set<String> mentioned) {
        Set<String> missing = new TreeSet<>(actual);
        missing.removeAll(mentioned);
        List<String> out = new ArrayList<>();
        for (String path : missing) {
            String parent = parent(path);
            if (parent == null || !missing.contains(parent)) {
                out.add(path);
            }
        }
        return out;
    }

    /** {@code items[].sku} → {@code items}; {@code page} → null. */
    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String parent = path.substring(0, dot);
        while (parent.endsWith("[]")) {
            parent = parent.substring(0, parent.length() - 2);
        }
        return parent.isEmpty() ? null : parent;
    }
}
