package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.slo.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resource} objectives: memoryGrowth, maxMemory and cpu of a named service, and clear mistakes. */
class ResourceFieldsTest {
    @TempDir
    Path dir;

    private static final String BASE = """
            name: t
            services:
              db:
                command: [java, -cp, x, Db]
                health: /health
              api:
                underTest: true
                command: [java, -cp, x, Main]
                health: /health
            load:
              from: contracts
              plan:
                - {phase: warmup, rate: 5/s, duration: 5s, scored: false}
                - {phase: soak, rate: 5/s, duration: 60s}
            objectives:
            """;

    private List<Objective> objectives(String items) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, BASE + items);
        return GateSpecs.load(f, Map.of()).objectives();
    }

    private String mistake(String items) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, BASE + items);
        return assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of())).getMessage();
    }

    @Test
    void readsTheThreeKinds() throws IOException {
        List<Objective> os = objectives("""
                  - {phase: soak, service: api, memoryGrowth: < 20MB/h}
                  - {phase: soak, service: api, memoryGrowth: "< 1.5MB/m", warmup: 30s, name: steady}
                  - {phase: soak, service: db, memoryGrowth: < 4KB/s, warmup: 50%}
                  - {service: api, maxMemory: < 512MB}
                  - {phase: soak, service: db, cpu: p95 < 80%}
                """);
        Objective.Resource g = (Objective.Resource) os.get(0);
        assertEquals("soak api memory growth", g.name());
        assertEquals("resource", g.kind().label());
        assertEquals(Objective.Resource.Metric.MEMORY_GROWTH, g.metric());
        assertEquals(20.0 * 1024 * 1024, g.threshold(), 1e-6);
        assertEquals(0.2, g.warmupShare(), 1e-12, "the first 20 % of the phase is left out by default");
        assertNull(g.warmup());
        Objective.Resource steady = (Objective.Resource) os.get(1);
        assertEquals("steady", steady.name());
        assertEquals(90.0 * 1024 * 1024, steady.threshold(), 1e-6);
        assertEquals(Duration.ofSeconds(30), steady.warmup());
        Objective.Resource perSecond = (Objective.Resource) os.get(2);
        assertEquals(4.0 * 1024 * 3600, perSecond.threshold(), 1e-6);
        assertEquals(0.5, perSecond.warmupShare(), 1e-12);
        Objective.Resource max = (Objective.Resource) os.get(3);
        assertEquals(Objective.Resource.Metric.MAX_MEMORY, max.metric());
        assertEquals(512.0 * 1024 * 1024, max.threshold(), 1e-6);
        assertNull(max.scope().phase());
        Objective.Resource cpu = (Objective.Resource) os.get(4);
        assertEquals(95, cpu.percentile(), 0);
        assertEquals(80, cpu.threshold(), 0);
        assertEquals("db", cpu.service());
        assertTrue(cpu.describe().contains("CPU p95 < 80%"), cpu.describe());
        assertTrue(g.describe().contains("memory growth < 20MB/h after 20 %"), g.describe());
    }

    @Test
    void mistakesSayFieldAndExpectation() throws IOException {
        String noService = mistake("  - {phase: soak, memoryGrowth: < 20MB/h}\n");
        assertTrue(noService.contains("service") && noService.contains("objectives[0]"), noService);
        String unknown = mistake("  - {phase: soak, service: cache, memoryGrowth: < 20MB/h}\n");
        assertTrue(unknown.contains("no service named 'cache'") && unknown.contains("api"), unknown);
        String noPhase = mistake("  - {service: api, memoryGrowth: < 20MB/h}\n");
        assertTrue(noPhase.contains("phase"), noPhase);
        String badPhase = mistake("  - {phase: spike, service: api, memoryGrowth: < 20MB/h}\n");
        assertTrue(badPhase.contains("spike") && badPhase.contains("soak"), badPhase);
        String noUnit = mistake("  - {phase: soak, service: api, memoryGrowth: < 20}\n");
        assertTrue(noUnit.contains("memoryGrowth") && noUnit.contains("20MB/h"), noUnit);
        String badSize = mistake("  - {service: api, maxMemory: < lots}\n");
        assertTrue(badSize.contains("maxMemory") && badSize.contains("512MB"), badSize);
        String badCpu = mistake("  - {service: api, cpu: < 80%}\n");
        assertTrue(badCpu.contains("p95 < 80%"), badCpu);
        String badWarmup = mistake("  - {phase: soak, service: api, memoryGrowth: < 20MB/h, warmup: 100%}\n");
        assertTrue(badWarmup.contains("warmup") && badWarmup.contains("20%"), badWarmup);
        String strayService = mistake("  - {phase: soak, service: api, latency: p95 < 100ms}\n");
        assertTrue(strayService.contains("service belongs to a resource objective"), strayService);
        String strayWarmup = mistake("  - {service: api, maxMemory: < 1GB, warmup: 10s}\n");
        assertTrue(strayWarmup.contains("warmup belongs to a memoryGrowth objective"), strayWarmup);
        String operation = mistake("  - {phase: soak, service: api, operation: GET /x, maxMemory: < 1GB}\n");
        assertTrue(operation.contains("operation"), operation);
    }

    @Test
    void theNightlyEnvironmentScoresTheOrdersApisMemoryGrowthOverTheSoak() {
        GateSpec spec = GateSpecs.load(Path.of("environments/nightly.yaml"), Map.of());
        Objective.Resource r = spec.objectives().stream().filter(o -> o instanceof Objective.Resource)
                .map(o -> (Objective.Resource) o).findFirst().orElseThrow();
        assertEquals("orders-api", r.service());
        assertEquals("soak", r.scope().phase());
        assertEquals(Objective.Resource.Metric.MEMORY_GROWTH, r.metric());
    }
}
