package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Where two JSON answers differ, as {@code $.status: "CONFIRMED" → "CANCELLED"}. */
final class JsonDiff {
    private JsonDiff() {
    }

    /** Paths at which {@code a} and {@code b} differ; the root when either is not JSON. */
    static List<String> paths(JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        walk("$", a, b, out);
        return out;
    }

    /**
     * The differences between {@code before} and {@code after}, leaving out paths at which two reads in a row
     * already differed ({@code volatileOnes}: timestamps, counters).
     */
    static List<String> changes(JsonNode before, JsonNode after, Set<String> volatileOnes) {
        List<String> out = new ArrayList<>();
        for (String p : paths(before, after)) {
            if (!volatileOnes.contains(p)) {
                out.add(p + ": " + show(at(before, p)) + " → " + show(at(after, p)));
            }
        }
        return out;
    }

    static Set<String> volatilePaths(JsonNode first, JsonNode second) {
        return new LinkedHashSet<>(paths(first, second));
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                walk(path + "." + n, a.get(n), b.get(n), out);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                walk(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (!Objects.equals(a, b)) {
            out.add(path);
        }
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String step : path.substring(1).split("(?=[.\\[])")) {
            if (n == null || step.isEmpty()) {
                continue;
            }
            n = step.startsWith("[") ? n.get(Integer.parseInt(step.substring(1, step.length() - 1)))
                    : n.get(step.substring(1));
        }
        return n;
    }

    private static String show(JsonNode n) {
        return n == null ? "(absent)" : Reply.excerpt(n.toString());
    }
}
