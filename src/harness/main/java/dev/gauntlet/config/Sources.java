package dev.gauntlet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads an environment file with the files it {@code extends}, merged into one tree (mappings merge, lists and
 * scalars are replaced), and remembers which file wrote each field, so that an error names the file a person has to
 * change.
 */
final class Sources {
    private final Path root;
    private final Map<String, Path> written = new HashMap<>();

    private Sources(Path root) {
        this.root = root;
    }

    /** A single file: every field was written there. */
    static Sources of(Path file) {
        return new Sources(file);
    }

    /**
     * Reads {@code file} and, first, the chain of files it extends ({@code extends: local.yaml}, relative to the
     * file that says it).
     *
     * @param read parses one file into a mapping, failing with a {@link ConfigException} that names it
     */
    static Merged read(Path file, Function<Path, ObjectNode> read) {
        Sources sources = new Sources(file);
        ObjectNode tree = sources.load(file, read, new ArrayList<>());
        return new Merged(tree, sources);
    }

    /** A merged tree and where each of its fields was written. */
    record Merged(ObjectNode tree, Sources sources) {
    }

    private ObjectNode load(Path file, Function<Path, ObjectNode> read, List<Path> chain) {
        Path normal = file.toAbsolutePath().normalize();
        if (chain.contains(normal)) {
            throw new ConfigException(file, "extends", "extends itself through " + chain.stream().map(Path::toString)
                    .reduce((a, b) -> a + " -> " + b).orElse("") + " -> " + normal);
        }
        chain.add(normal);
        ObjectNode own = read.apply(file);
        JsonNode parentName = own.remove("extends");
        if (parentName == null || parentName.isNull()) {
            register("", own, file);
            return own;
        }
        if (!parentName.isTextual() || parentName.asText().isBlank()) {
            throw new ConfigException(file, "extends", "expected the path of another environment file (relative to "
                    + "this one), e.g. extends: local.yaml");
        }
        Path dir = file.getParent() == null ? Path.of("") : file.getParent();
        Path parent = dir.resolve(parentName.asText());
        ObjectNode merged;
        try {
            merged = load(parent, read, chain);
        } catch (ConfigException e) {
            if (e.field().isEmpty() && e.getMessage().endsWith("file not found") && e.file().equals(parent)) {
                throw new ConfigException(file, "extends", "no such file: " + parent);
            }
            throw e;
        }
        merge(merged, own, "", file);
        return merged;
    }

    /** Deep merge of {@code over} into {@code base}: mappings merge, anything else replaces. */
    private void merge(ObjectNode base, ObjectNode over, String path, Path file) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode mine = base.get(e.getKey());
            if (mine instanceof ObjectNode m && e.getValue() instanceof ObjectNode o) {
                written.putIfAbsent(at, file);
                merge(m, o, at, file);
            } else {
                written.keySet().removeIf(k -> k.equals(at) || k.startsWith(at + ".") || k.startsWith(at + "["));
                base.set(e.getKey(), e.getValue());
                register(at, e.getValue(), file);
            }
        }
    }

    private void register(String path, JsonNode node, Path file) {
        written.put(path, file);
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> register(path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                    e.getValue(), file));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                register(path + "[" + i + "]", node.get(i), file);
            }
        }
    }

    /** A field set by {@code --set}: written, as far as messages go, by the file that was asked for. */
    void overridden(String path) {
        written.keySet().removeIf(k -> k.startsWith(path + ".") || k.startsWith(path + "["));
        written.put(path, root);
    }

    /** The file in which the field at {@code path} (or its nearest written parent) was written. */
    Path fileOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Path f = written.get(p);
            if (f != null) {
                return f;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return root;
    }

    /** The file that was asked for (the last of the chain). */
    Path root() {
        return root;
    }

}
