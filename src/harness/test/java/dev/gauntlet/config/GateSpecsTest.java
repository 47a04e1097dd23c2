package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateSpecsTest {
    @TempDir
    Path dir;

    private static final String VALID = """
            name: t
            services:
              db:
                command: [java, -version]
                health: /health
              api:
                underTest: true
                dependsOn: [db]
                command: [java, -cp, x, Main]
                health: /health
                startTimeout: 5s
            load:
              simulation: BaselineSimulation
              settings: {warmup: 3s}
            objectives:
              - phase: baseline
                latency: p95 < 250ms
              - errors: < 1%
            """;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void readsTheShippedLocalEnvironment() {
        GateSpec spec = GateSpecs.load(Path.of("environments/local.yaml"), Map.of());
        assertEquals("orders-api", spec.environment().underTest().name());
        assertEquals("payments", spec.environment().services().get(0).name(), "dependencies start first");
        assertTrue(spec.contracts().enabled());
        assertTrue(spec.load().enabled());
        assertFalse(spec.objectives().isEmpty());
    }

    @Test
    void readsServicesInDependencyOrderAndObjectivesAsData() throws IOException {
        GateSpec spec = GateSpecs.load(write(VALID), Map.of());
        assertEquals("db", spec.environment().services().get(0).name());
        assertEquals(Duration.ofSeconds(5), spec.environment().underTest().startTimeout());
        assertEquals("simulations.BaselineSimulation", spec.load().simulationClass());
        Objective.Latency l = (Objective.Latency) spec.objectives().get(0);
        assertEquals(95.0, l.percentile());
        assertEquals(Duration.ofMillis(250), l.threshold());
        assertEquals("baseline", l.scope().phase());
        Objective.ErrorRate e = (Objective.ErrorRate) spec.objectives().get(1);
        assertEquals(0.01, e.maxRatio(), 1e-9);
        assertEquals(null, e.scope().phase());
    }

    @Test
    void overridesApplyBeforeReading() throws IOException {
        GateSpec spec = GateSpecs.load(write(VALID), Map.of("load.settings.warmup", "9s", "load.enabled", "false"));
        assertEquals("9s", spec.load().settings().get("warmup"));
        assertFalse(spec.load().enabled());
    }

    @Test
    void aMisspeltFieldNamesFileFieldAndTheChoices() throws IOException {
        Path f = write(VALID.replace("health: /health\n  api", "heatlh: /health\n  api"));
        ConfigException e = assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of()));
        assertEquals(f, e.file());
        assertEquals("services.db.heatlh", e.field());
        assertTrue(e.getMessage().contains("unknown field") && e.getMessage().contains("health"), e.getMessage());
    }

    @Test
    void aBadObjectiveSaysWhatWasExpected() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> GateSpecs.load(write(VALID.replace("p95 < 250ms", "p95 under 250")), Map.of()));
        assertEquals("objectives[0]", e.field());
        assertTrue(e.getMessage().contains("expected 'pNN < DURATION'"), e.getMessage());
    }

    @Test
    void aBadDurationSaysWhatWasExpected() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> GateSpecs.load(write(VALID.replace("startTimeout: 5s", "startTimeout: soon")), Map.of()));
        assertEquals("services.api.startTimeout", e.field());
        assertTrue(e.getMessage().contains("250ms, 30s or 5m"), e.getMessage());
    }

    @Test
    void dependencyCyclesAndUnknownDependenciesAreRejected() throws IOException {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> GateSpecs.load(write(VALID.replace("dependsOn: [db]", "dependsOn: [cache]")), Map.of()));
        assertTrue(unknown.getMessage().contains("no service named 'cache'"), unknown.getMessage());
        String cyclic = VALID.replace("command: [java, -version]", "command: [java, -version]\n    dependsOn: [api]");
        ConfigException cycle = assertThrows(ConfigException.class, () -> GateSpecs.load(write(cyclic), Map.of()));
        assertTrue(cycle.getMessage().contains("cycle"), cycle.getMessage());
    }

    @Test
    void exactlyOneServiceIsUnderTest() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> GateSpecs.load(write(VALID.replace("underTest: true", "underTest: false")), Map.of()));
        assertTrue(e.getMessage().contains("exactly one service"), e.getMessage());
    }

    @Test
    void anEnvironmentsNameStandsForItsFileInEnvironments() throws IOException {
        Files.createDirectories(dir.resolve("environments"));
        Files.writeString(dir.resolve("environments").resolve("staging.yaml"), VALID);
        GateSpec spec = GateSpecs.load(dir.resolve("staging"), Map.of());
        assertEquals(dir.resolve("environments").resolve("staging.yaml"), spec.file());
        assertEquals("local", GateSpecs.load(Path.of("local"), Map.of()).environment().name(), "--env local");
        ConfigException unknown = assertThrows(ConfigException.class, () -> GateSpecs.load(dir.resolve("stagin"), Map.of()));
        assertTrue(unknown.getMessage().contains("file not found"), unknown.getMessage());
    }

    @Test
    void aMissingFileAndBrokenYamlAreClearErrors() throws IOException {
        ConfigException missing = assertThrows(ConfigException.class, () -> GateSpecs.load(dir.resolve("nope.yaml"), Map.of()));
        assertTrue(missing.getMessage().endsWith("file not found"), missing.getMessage());
        ConfigException broken = assertThrows(ConfigException.class, () -> GateSpecs.load(write("name: [unclosed"), Map.of()));
        assertTrue(broken.getMessage().contains("not valid YAML"), broken.getMessage());
    }

    @Test
    void readsErrorBudgetRateLimitAndThroughputObjectives() throws IOException {
        String objectives = "  - errorBudget: 99.5%\n    maxBurnRate: 2\n  - phase: spike\n    rateLimit: p99 < 300ms\n"
                + "  - phase: baseline\n    throughput: \">= 95%\"\n";
        GateSpec spec = GateSpecs.load(write(VALID.replace("  - errors: < 1%\n", objectives)), Map.of());
        Objective.ErrorBudget b = (Objective.ErrorBudget) spec.objectives().get(1);
        assertEquals(0.995, b.slo(), 1e-9);
        assertEquals(2.0, b.maxBurnRate());
        Objective.RateLimit r = (Objective.RateLimit) spec.objectives().get(2);
        assertEquals(Duration.ofMillis(300), r.threshold());
        assertEquals("spike", r.scope().phase());
        Objective.Throughput t = (Objective.Throughput) spec.objectives().get(3);
        assertEquals(0.95, t.minRatio(), 1e-9);
    }

    @Test
    void eachObjectiveKeepsTheComparatorAsWritten() throws IOException {
        String objectives = "  - {phase: baseline, throughput: \">= 95%\"}\n  - {phase: spike, throughput: \"> 90%\"}\n"
                + "  - {errorBudget: 99.5%, maxBurnRate: 2}\n";
        List<Objective> os = GateSpecs.load(write(VALID.replace("  - errors: < 1%\n", objectives)), Map.of())
                .objectives();
        assertEquals(List.of(Comparison.BELOW, Comparison.AT_LEAST, Comparison.ABOVE, Comparison.AT_MOST),
                os.stream().map(Objective::comparison).toList());
        assertEquals(0.9, ((Objective.Throughput) os.get(2)).minRatio(), 1e-9);
        assertEquals("throughput > 90%", os.get(2).describe());
        assertEquals("SLO 99.5%, burn rate <= 2", os.get(3).describe());
    }

    @Test
    void anObjectiveWithoutAKindListsEveryKindThereIs() throws IOException {
        Path f = write(VALID.replace("  - errors: < 1%\n", "  - {phase: baseline}\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of()));
        assertEquals("objectives[1]", e.field());
        for (String kind : List.of("latency", "errors", "errorBudget", "rateLimit", "throughput", "recovery",
                "memoryGrowth", "maxMemory", "cpu")) {
            assertTrue(e.getMessage().contains(kind + " ("), kind + " in: " + e.getMessage());
        }
        assertTrue(e.getMessage().endsWith("got none"), e.getMessage());
    }

    @Test
    void aRateLimitObjectiveNeedsItsPhase() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> GateSpecs.load(
                write(VALID.replace("  - errors: < 1%", "  - rateLimit: p99 < 300ms")), Map.of()));
        assertTrue(e.getMessage().contains("needs the 'phase'"), e.getMessage());
    }

    @Test
    void readsTheOutageEnvironmentsFaultSchedule() {
        GateSpec spec = GateSpecs.load(Path.of("environments/outage.yaml"), Map.of());
        assertEquals(4, spec.faults().size());
        var replica = spec.faults().get(0); // one replica of two stopped during the warmup
        assertEquals("orders-api#2", replica.service());
        assertEquals("warmup", replica.phase());
        var stop = spec.faults().get(1);
        assertEquals("payments", stop.service());
        assertEquals(dev.gauntlet.fault.ProcessFault.Kind.STOP, ((dev.gauntlet.fault.ProcessFault) stop).kind());
        assertEquals("outage", stop.phase());
        assertEquals(Duration.ofSeconds(8), stop.duration());
        var database = (dev.gauntlet.fault.NetworkFault) spec.faults().get(2);
        assertEquals("orders-db", database.service());
        assertEquals(dev.gauntlet.network.Toxic.latency(Duration.ofMillis(100), Duration.ofMillis(30)), database.toxic());
        assertEquals(dev.gauntlet.fault.ProcessFault.Kind.PAUSE, ((dev.gauntlet.fault.ProcessFault) spec.faults().get(3)).kind());
        assertEquals(Duration.ofSeconds(17), spec.faults().get(3).at());
        assertTrue(spec.objectives().stream().anyMatch(o -> o instanceof Objective.Recovery));
    }

    @Test
    void aFaultOnAnUnknownServiceOrOfAnUnknownKindIsRejected() throws IOException {
        ConfigException service = assertThrows(ConfigException.class, () -> GateSpecs.load(
                write(VALID + "faults:\n  - {service: cache, kind: stop}\n"), Map.of()));
        assertTrue(service.getMessage().contains("no service named 'cache'"), service.getMessage());
        ConfigException kind = assertThrows(ConfigException.class, () -> GateSpecs.load(
                write(VALID + "faults:\n  - {service: db, kind: explode}\n"), Map.of()));
        assertEquals("faults[0]", kind.field());
        assertTrue(kind.getMessage().contains("stop, pause, restart, kill, latency, errors, reset, malformed"), kind.getMessage());
    }
}
