package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectiveFieldsTest {
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
            OBJECTIVES
            """;

    private List<Objective> objectives(String items) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, ENV.replace("OBJECTIVES", items));
        return GateSpecs.load(f, Map.of()).objectives();
    }

    @Test
    void eachObjectiveKeepsTheComparatorAsWritten() throws IOException {
        List<Objective> os = objectives("""
                  - {phase: baseline, throughput: ">= 95%"}
                  - {phase: spike, throughput: "> 90%"}
                  - {phase: baseline, latency: p95 < 250ms}
                  - {errorBudget: 99.5%, maxBurnRate: 2}
                """);
        assertEquals(List.of(Comparison.AT_LEAST, Comparison.ABOVE, Comparison.BELOW, Comparison.AT_MOST),
                os.stream().map(Objective::comparison).toList());
        assertEquals(0.9, ((Objective.Throughput) os.get(1)).minRatio(), 1e-9);
        assertEquals("throughput > 90%", os.get(1).describe());
        assertEquals("SLO 99.5%, burn rate <= 2", os.get(3).describe());
    }

    @Test
    void anItemWithoutAKindListsEveryKindThereIs() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> objectives("  - {phase: baseline}\n"));
        assertEquals("objectives[0]", e.field());
        for (String kind : List.of("latency", "errors", "errorBudget", "rateLimit", "throughput", "recovery",
                "memoryGrowth", "maxMemory", "cpu")) {
            assertTrue(e.getMessage().contains(kind + " ("), kind + " in: " + e.getMessage());
        }
        assertTrue(e.getMessage().endsWith("got none"), e.getMessage());
    }
}
