package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingFieldsTest {
    @TempDir
    Path dir;

    private static final String ENV = """
            name: t
            services:
              api:
                underTest: true
                command: [java, -cp, x, Main]
                health: /health
            load:
              simulation: BaselineSimulation
            objectives:
              - phase: baseline
                latency: p95 < 250ms
                pending: PENDING
              - errors: < 1%
            """;

    private Path write(String pending) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, ENV.replace("PENDING", pending));
        return f;
    }

    @Test
    void pendingIsKeptByObjectiveName() throws IOException {
        GateSpec spec = GateSpecs.load(write("5"), Map.of());
        assertEquals(Map.of("baseline p95 latency", 5), spec.pending());
        assertEquals(2, spec.objectives().size());
    }

    @Test
    void pendingCanBeSetFromTheCommandLine() throws IOException {
        GateSpec spec = GateSpecs.load(write("5"), Map.of("objectives[0].pending", "2"));
        assertEquals(Map.of("baseline p95 latency", 2), spec.pending());
    }

    @Test
    void aBadPendingNamesFileFieldAndWhatWasExpected() throws IOException {
        for (String bad : new String[] {"0", "-3", "2.5", "soon", "[1]"}) {
            Path f = write(bad);
            ConfigException e = assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of()), bad);
            assertEquals(f, e.file());
            assertEquals("objectives[0].pending", e.field(), bad);
            assertTrue(e.getMessage().contains("whole number of passing runs"), e.getMessage());
        }
    }
}
