package dev.gauntlet.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.units.Units;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A YAML node that knows where it stands in its file, so every read can fail with file, field and expectation. */
final class Node {
    private final Sources file;
    private final String path;
    private final JsonNode json;

    Node(Path file, String path, JsonNode json) {
        this(Sources.of(file), path, json);
    }

    Node(Sources file, String path, JsonNode json) {
        this.file = file;
        this.path = path;
        this.json = json;
    }

    String path() {
        return path;
    }

    /** The file that wrote the field at {@code fieldPath} (for checks made after reading). */
    Path fileOf(String fieldPath) {
        return file.fileOf(fieldPath);
    }

    ConfigException error(String problem) {
        return new ConfigException(file.fileOf(path), path, problem);
    }

    private Node child(String name) {
        return new Node(file, path.isEmpty() ? name : path + "." + name, json.get(name));
    }

    /** The field {@code name} (which may be absent), to read or to blame in an error. */
    Node field(String name) {
        return child(name);
    }

    /** The mapping {@code name}, or an empty one standing in its place when it is absent (every field defaulted). */
    Node objectOrEmpty(String name) {
        return has(name) ? object(name)
                : new Node(file, child(name).path, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    /** Whether this node is a number. */
    boolean isNumber() {
        return json != null && json.isNumber();
    }

    /** Whether this node is a mapping. */
    boolean isMapping() {
        return json != null && json.isObject();
    }

    boolean has(String name) {
        return json.hasNonNull(name);
    }

    /** Fails on any field not in {@code allowed}: a misspelt key must not be silently ignored. */
    Node only(Set<String> allowed) {
        if (!json.isObject()) {
            throw error("expected a mapping, got " + describe(json));
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw child(name).error("unknown field (expected one of: " + String.join(", ", sorted(allowed)) + ")");
            }
        }
        return this;
    }

    Node object(String name) {
        Node c = child(name);
        if (c.json == null || c.json.isNull()) {
            throw c.error("is required (a mapping)");
        }
        if (!c.json.isObject()) {
            throw c.error("expected a mapping, got " + describe(c.json));
        }
        return c;
    }

    Optional<Node> optionalObject(String name) {
        return has(name) ? Optional.of(object(name)) : Optional.empty();
    }

    /** Entries of a mapping, in file order. */
    Map<String, Node> entries() {
        Map<String, Node> out = new LinkedHashMap<>();
        json.fields().forEachRemaining(e -> out.put(e.getKey(), child(e.getKey())));
        return out;
    }

    List<Node> list(String name) {
        Node c = child(name);
        if (c.json == null || c.json.isNull()) {
            return List.of();
        }
        if (!c.json.isArray()) {
            throw c.error("expected a list, got " + describe(c.json));
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < c.json.size(); i++) {
            out.add(new Node(file, c.path + "[" + i + "]", c.json.get(i)));
        }
        return out;
    }

    String text() {
        if (json == null || !json.isValueNode()) {
            throw error("expected a value, got " + describe(json));
        }
        return json.asText();
    }

    String text(String name) {
        Node c = child(name);
        if (c.json == null || c.json.isNull()) {
            throw c.error("is required");
        }
        return c.text();
    }

    String text(String name, String fallback) {
        return has(name) ? text(name) : fallback;
    }

    List<String> texts(String name) {
        return list(name).stream().map(Node::text).toList();
    }

    /** A mapping of scalar values, each kept as text. */
    Map<String, String> textMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        if (has(name)) {
            object(name).entries().forEach((k, v) -> out.put(k, v.text()));
        }
        return out;
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        Node c = child(name);
        if (!c.json.isBoolean()) {
            throw c.error("expected true or false, got " + describe(c.json));
        }
        return c.json.asBoolean();
    }

    double number(String name) {
        Node c = child(name);
        if (c.json == null || c.json.isNull()) {
            throw c.error("is required (a number)");
        }
        if (!c.json.isNumber()) {
            throw c.error("expected a number, got " + describe(c.json));
        }
        return c.json.asDouble();
    }

    Duration duration(String name, Duration fallback) {
        return has(name) ? child(name).duration() : fallback;
    }

    Duration duration(String name) {
        if (!has(name)) {
            throw child(name).error("is required (" + Units.DURATION_EXAMPLES + ")");
        }
        return child(name).duration();
    }

    Duration duration() {
        try {
            return Units.duration(text());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isNull()) {
            return "nothing";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        return "'" + n.asText() + "'";
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
