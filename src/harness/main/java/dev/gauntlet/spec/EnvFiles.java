package dev.gauntlet.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** For an environment file that is not there: the ones that are, in the folder it was looked for in. */
final class EnvFiles {
    private EnvFiles() {
    }

    /** {@code file not found; ... has: a.yaml, b.yaml (did you mean 'b.yaml'?)}. */
    static String notFound(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        List<String> names;
        try (Stream<Path> s = dir == null || !Files.isDirectory(dir) ? Stream.empty() : Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            names = List.of();
        }
        if (names.isEmpty()) {
            return "file not found";
        }
        String wrong = file.getFileName().toString();
        String near = Names.didYouMean(wrong, names);
        return "file not found; environment files there: " + String.join(", ", names) + near;
    }
}
