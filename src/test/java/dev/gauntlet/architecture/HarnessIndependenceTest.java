package dev.gauntlet.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The harness ships with a reference system but never depends on it. */
class HarnessIndependenceTest {
    @Test
    void noHarnessSourceMentionsTheReferenceSystemPackage() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import dev.gauntlet.demo"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
        assertTrue(Files.isDirectory(Path.of("src/main/java/dev/gauntlet")));
        assertEquals(List.of(), offenders);
    }
}
