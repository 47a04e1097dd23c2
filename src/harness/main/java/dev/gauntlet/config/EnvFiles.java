package dev.gauntlet.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** For an environment file that is not there: the ones that are, in the folder it was looked for in. */
final class EnvFiles {
    private EnvFiles() {
    }

    /**
     * The file an environment name stands for: {@code --env local} is {@code environments/local.yaml} next to where
     * {@code local} was looked for, when there is no file {@code local} and that one exists; else {@code file}.
     */
    static Path byName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (Files.exists(file) || name.isEmpty() || name.contains(".")) {
            return file;
        }
        Path dir = file.getParent() == null ? Path.of("environments") : file.getParent().resolve("environments");
        Path named = dir.resolve(name + ".yaml");
        return Files.isRegularFile(named) ? named : file;
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
