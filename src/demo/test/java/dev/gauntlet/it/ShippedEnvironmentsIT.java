package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every environment file the project ships is accepted as it is: its dry run (the file read and checked, the
 * simulation's plan built in a worker JVM, nothing started) exits 0. The gate ITs run these files with shortened
 * settings, which could hide a shipped file that no longer holds together (outage.yaml once inherited a ranged
 * warm-up its faults could not be placed on).
 */
class ShippedEnvironmentsIT {
    static List<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("environments"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void theDryRunAcceptsIt(Path env) throws Exception {
        GauntletProcess dry = GauntletProcess.start("gate", "--env", env.toString(), "--dry-run");
        assertEquals(0, dry.await(Duration.ofMinutes(2)), dry.output());
        assertTrue(dry.output().contains("LOAD"), "the dry run shows the load plan:\n" + dry.output());
    }
}
