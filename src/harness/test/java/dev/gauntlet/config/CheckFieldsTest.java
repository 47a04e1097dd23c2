package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.conformance.ConformanceSpec;
import dev.gauntlet.durability.DurabilitySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code durability:} and {@code conformance:}: on by default, tunable, switched off, and clear about mistakes. */
class CheckFieldsTest {
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
    void bothChecksAreOnByDefault() throws IOException {
        var spec = GateSpecs.load(write(""), Map.of());
        assertEquals(DurabilitySpec.DEFAULT, spec.durability());
        assertEquals(ConformanceSpec.DEFAULT, spec.conformance());
        assertTrue(spec.durability().enabled() && spec.conformance().enabled());
    }

    @Test
    void theEnvironmentFileTunesOrSwitchesThemOff() throws IOException {
        var spec = GateSpecs.load(write("""
                durability: {maxReads: 500, timeout: 20s}
                conformance: {everyAnswerUpTo: 20/s, share: 5%, maxSamples: 1000, maxBroken: 0.1%}
                """), Map.of("durability.enabled", "false"));
        assertFalse(spec.durability().enabled());
        assertEquals(500, spec.durability().maxReads());
        assertEquals(Duration.ofSeconds(20), spec.durability().timeout());
        assertEquals(new ConformanceSpec(true, 20, 0.05, 1000, 0.001), spec.conformance());
        assertFalse(GateSpecs.load(write(""), Map.of("conformance.enabled", "false")).conformance().enabled());
    }

    @Test
    void mistakesNameFieldAndExpectation() throws IOException {
        Path f = write("conformance: {share: lots}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of()));
        assertTrue(e.getMessage().contains("conformance") && e.getMessage().contains("share")
                && e.getMessage().contains("such as 10%"), e.getMessage());
        Path g = write("durability: {maxReeds: 5}\n");
        ConfigException u = assertThrows(ConfigException.class, () -> GateSpecs.load(g, Map.of()));
        assertTrue(u.getMessage().contains("maxReeds"), u.getMessage());
        Path h = write("conformance: {everyAnswerUpTo: fast}\n");
        ConfigException v = assertThrows(ConfigException.class, () -> GateSpecs.load(h, Map.of()));
        assertTrue(v.getMessage().contains("50/s"), v.getMessage());
    }
}
