package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.history.RegressionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history:} and {@code regression:}: absent by default, on with defaults with a history, tuned, off, mistakes. */
class HistoryFieldsTest {
    @TempDir
    Path dir;

    private static final String BASE = """
            name: t
            services:
              api:
                underTest: true
                command: [java, -cp, x, Main]
                health: /health
            load:
              simulation: BaselineSimulation
            """;

    private Path write(String more) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, BASE + more);
        return f;
    }

    @Test
    void noHistoryByDefaultAndSetOnTheCommandLineWithDefaults() throws IOException {
        assertNull(GateSpecs.load(write(""), Map.of()).history());
        var spec = GateSpecs.load(write(""), Map.of("history", "target/h"), dir);
        assertEquals(dir.resolve("target/h"), spec.history().folder());
        assertEquals(RegressionSpec.DEFAULT, spec.history().regression());
        assertTrue(spec.history().regression().enabled());
    }

    @Test
    void regressionIsTunedOrSwitchedOff() throws IOException {
        var tuned = GateSpecs.load(write("""
                history: hist
                regression: {tolerance: 30%, runs: 10, minRuns: 4, percentile: p99, errors: 2%, maxSlowdown: 2x}
                """), Map.of(), dir).history().regression();
        assertEquals(new RegressionSpec(true, 99, 0.30, 10, 4, 0.02, 2), tuned);
        assertFalse(GateSpecs.load(write("history: hist\nregression: off\n"), Map.of(), dir).history().regression().enabled());
        assertFalse(GateSpecs.load(write("history: hist\n"), Map.of("regression.enabled", "false"), dir).history()
                .regression().enabled());
    }

    @Test
    void mistakesNameTheFieldAndWhatWasExpected() throws IOException {
        assertEquals("regression.tolerance", assertThrows(ConfigException.class, () -> GateSpecs.load(
                write("history: h\nregression: {tolerance: 20}\n"), Map.of(), dir)).field());
        ConfigException e = assertThrows(ConfigException.class, () -> GateSpecs.load(
                write("history: h\nregression: {runs: 2, minRuns: 3}\n"), Map.of(), dir));
        assertTrue(e.getMessage().contains("runs (2) must be at least minRuns (3)"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> GateSpecs.load(write("history: h\nregression: {tolerence: 5%}\n"),
                Map.of(), dir));
        assertTrue(e.getMessage().contains("unknown field"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> GateSpecs.load(write("regression: off\n"), Map.of(), dir));
        assertTrue(e.getMessage().contains("set 'history'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> GateSpecs.load(write("history: h\nregression: sometimes\n"),
                Map.of(), dir));
        assertTrue(e.getMessage().contains("expected off, on, or a mapping"), e.getMessage());
    }
}
