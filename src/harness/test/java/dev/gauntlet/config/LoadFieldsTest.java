package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.load.LoadPlan;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.load.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load:} — simulation or from: contracts, mix, and a plan in phases, checked before anything runs. */
class LoadFieldsTest {
    @TempDir
    Path dir;

    private static final String SERVICES = """
            name: t
            services:
              api:
                underTest: true
                command: [api-server]
                health: /health
            """;

    private Path write(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    private GateSpec load(String loadAndMore) throws IOException {
        return GateSpecs.load(write("env.yaml", SERVICES + loadAndMore), Map.of());
    }

    private ConfigException fails(String loadAndMore) {
        return assertThrows(ConfigException.class, () -> load(loadAndMore));
    }

    @Test
    void aPlanInPhasesWithRatesMultiplesAndRamps() throws IOException {
        LoadSpec l = load("""
                load:
                  from: contracts
                  mix: {"GET /products": 35, "POST /orders": 15}
                  plan:
                    - {phase: warmup, rate: 20/s, duration: 20s}
                    - {phase: baseline, rate: 30, duration: 30s}
                    - {phase: spike, rate: 6x, duration: 15s}
                    - {phase: cool-down, rate: 10/s, duration: 10s, ramp: true, scored: false}
                """).load();
        assertTrue(l.fromContracts());
        assertNull(l.simulation());
        assertEquals(Map.of("GET /products", 35.0, "POST /orders", 15.0), l.mix());
        List<Phase> p = l.plan().phases();
        assertEquals(List.of("warmup", "baseline", "spike", "cool-down"), p.stream().map(Phase::name).toList());
        assertFalse(p.get(0).scored(), "a phase named warmup is not scored");
        assertTrue(p.get(1).scored());
        assertEquals(180, p.get(2).fromRps());
        assertEquals(180, p.get(2).toRps());
        assertEquals(180, p.get(3).fromRps(), "a ramp starts where the previous phase ended");
        assertEquals(10, p.get(3).toRps());
        assertFalse(p.get(3).scored());
        assertEquals(Duration.ofSeconds(75), l.plan().duration());
        assertEquals(l.plan().phases(), LoadPlan.decode(l.plan().encode()).phases(), "the worker reads the same plan");
    }

    @Test
    void aPlanAlsoReplacesASimulationsOwnPlan() throws IOException {
        LoadSpec l = load("""
                load:
                  simulation: SpikeSimulation
                  plan: [{phase: baseline, rate: 5/s, duration: 2s}]
                """).load();
        assertEquals("SpikeSimulation", l.simulation());
        assertEquals(1, l.plan().phases().size());
    }

    @Test
    void planMistakesNameFileFieldAndExpectation() {
        ConfigException e = fails("""
                load:
                  from: contracts
                  plan: [{phase: baseline, rate: 30/s, duration: 30s, hold: 5s}]
                """);
        assertEquals("load.plan[0].hold", e.field());
        assertTrue(e.getMessage().contains("unknown field") && e.getMessage().contains("ramp"), e.getMessage());

        e = fails("""
                load:
                  from: contracts
                  plan: [{phase: baseline, rate: fast, duration: 30s}]
                """);
        assertEquals("load.plan[0].rate", e.field());
        assertTrue(e.getMessage().contains("30/s") && e.getMessage().contains("6x") && e.getMessage().contains("'fast'"),
                e.getMessage());

        e = fails("""
                load:
                  from: contracts
                  plan: [{phase: spike, rate: 6x, duration: 30s}]
                """);
        assertEquals("load.plan[0].rate", e.field());
        assertTrue(e.getMessage().contains("first phase"), e.getMessage());

        e = fails("""
                load:
                  from: contracts
                  plan:
                    - {phase: baseline, rate: 30/s, duration: 30s}
                    - {phase: baseline, rate: 60/s, duration: 30s}
                """);
        assertEquals("load.plan[1].phase", e.field());
        assertTrue(e.getMessage().contains("'baseline' appears twice"), e.getMessage());

        e = fails("""
                load:
                  from: contracts
                  plan: [{phase: Base Line, rate: 30/s, duration: 30s}]
                """);
        assertEquals("load.plan[0].phase", e.field());

        e = fails("""
                load:
                  from: contracts
                  plan: [{phase: baseline, rate: 30/s}]
                """);
        assertEquals("load.plan[0].duration", e.field());
    }

    @Test
    void objectivesAndFaultsMustNameAPhaseOfThePlan() {
        ConfigException e = fails("""
                load:
                  from: contracts
                  plan: [{phase: baseline, rate: 30/s, duration: 30s}]
                objectives:
                  - {phase: spike, rateLimit: p99 < 500ms}
                """);
        assertEquals("objectives[0].phase", e.field());
        assertTrue(e.getMessage().contains("'spike'") && e.getMessage().contains("phases: baseline"), e.getMessage());
    }

    @Test
    void simulationAndFromExcludeEachOtherAndOneIsRequired() {
        ConfigException both = fails("""
                load:
                  simulation: SpikeSimulation
                  from: contracts
                  plan: [{phase: baseline, rate: 30/s, duration: 30s}]
                """);
        assertEquals("load.from", both.field());
        assertTrue(both.getMessage().contains("simulation: null"), both.getMessage());
        ConfigException neither = fails("""
                load:
                  settings: {warmup: 3s}
                """);
        assertTrue(neither.getMessage().contains("simulation") && neither.getMessage().contains("from: contracts"),
                neither.getMessage());
        ConfigException other = fails("""
                load:
                  from: openapi
                """);
        assertEquals("load.from", other.field());
        ConfigException noPlan = fails("""
                load:
                  from: contracts
                """);
        assertEquals("load.plan", noPlan.field());
        ConfigException mixWithSimulation = fails("""
                load:
                  simulation: SpikeSimulation
                  mix: {"GET /products": 50}
                """);
        assertEquals("load.mix", mixWithSimulation.field());
    }

    @Test
    void mixNamesOperationsAndAddsUpToAtMost100() {
        ConfigException e = fails("""
                load:
                  from: contracts
                  mix: {"/products": 50}
                  plan: [{phase: baseline, rate: 30/s, duration: 30s}]
                """);
        assertEquals("load.mix./products", e.field());
        e = fails("""
                load:
                  from: contracts
                  mix: {"GET /products": 70, "POST /orders": 40}
                  plan: [{phase: baseline, rate: 30/s, duration: 30s}]
                """);
        assertEquals("load.mix", e.field());
        assertTrue(e.getMessage().contains("110"), e.getMessage());
    }

    @Test
    void aFileThatExtendsAnotherDropsItsSimulationWithNull() throws IOException {
        write("base.yaml", SERVICES + """
                load:
                  simulation: SpikeSimulation
                  settings: {warmup: 3s}
                """);
        Path child = write("child.yaml", """
                extends: base.yaml
                load:
                  simulation: null
                  from: contracts
                  plan: [{phase: baseline, rate: 30/s, duration: 30s}]
                """);
        LoadSpec l = GateSpecs.load(child, Map.of()).load();
        assertTrue(l.fromContracts());
        assertEquals("from contracts", l.describe());

        Path forgot = write("forgot.yaml", """
                extends: base.yaml
                load:
                  from: contracts
                  plan: [{phase: baseline, rate: 30/s, duration: 30s}]
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> GateSpecs.load(forgot, Map.of()));
        assertEquals(forgot, e.file(), "the error names the file that set 'from'");
    }

    @Test
    void theShippedContractsEnvironmentReads() {
        LoadSpec l = GateSpecs.load(Path.of("environments/contracts.yaml"), Map.of()).load();
        assertTrue(l.fromContracts());
        assertEquals(List.of("warmup", "baseline", "spike", "recovery"),
                l.plan().phases().stream().map(Phase::name).toList());
        assertEquals(100.0, l.mix().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    }

    @Test
    void aPlanCanBeSetFromTheCommandLine() throws IOException {
        Path f = write("env.yaml", SERVICES + """
                load:
                  from: contracts
                  plan: [{phase: baseline, rate: 30/s, duration: 30s}]
                """);
        LoadSpec l = GateSpecs.load(f, Map.of("load.plan",
                "[{phase: warmup, rate: 20/s, duration: 3s}, {phase: baseline, rate: 30/s, duration: 5s}]")).load();
        assertEquals(2, l.plan().phases().size());
    }

    @Test
    void injectorsAreACountOrAMappingAndASetCountWorks() throws IOException {
        String sim = "load:\n  simulation: SpikeSimulation\n";
        assertEquals(dev.gauntlet.load.Injectors.ONE, load(sim).load().injectors());
        assertEquals(3, load(sim + "  injectors: 3\n").load().injectors().count());
        dev.gauntlet.load.Injectors full = load(sim + "  injectors: {count: 4, on: local, tolerance: 5%}\n").load()
                .injectors();
        assertEquals(4, full.count());
        assertEquals(0.05, full.tolerance(), 1e-9);
        assertEquals(2, GateSpecs.load(write("set.yaml", SERVICES + sim), Map.of("load.injectors", "2")).load()
                .injectors().count());
        assertTrue(fails(sim + "  injectors: 0\n").getMessage().contains("load.injectors"));
        assertTrue(fails(sim + "  injectors: 2.5\n").getMessage().contains("whole number"));
        assertTrue(fails(sim + "  injectors: {count: 2, on: kubernetes}\n").getMessage().contains("needs 'kind: external'"));
        assertTrue(fails(sim + "  injectors: {count: 2, tolerance: 150%}\n").getMessage().contains("below 100%"));
        assertTrue(fails(sim + "  injectors: {count: 2, nodes: 3}\n").getMessage().contains("nodes"));
    }

    @Test
    void aPhaseMayEndWhenDecidedAndAWarmupWhenLatencySettles() throws IOException {
        LoadSpec l = load("""
                load:
                  from: contracts
                  plan:
                    - {phase: warmup, rate: 20/s, duration: auto}
                    - {phase: baseline, rate: 30/s, duration: 10s..60s}
                    - {phase: spike, rate: 6x, duration: 15s}
                """).load();
        List<Phase> phases = l.plan().phases();
        assertEquals(Duration.ofSeconds(5), phases.get(0).minimum());
        assertEquals(Duration.ofSeconds(30), phases.get(0).duration());
        assertEquals(Duration.ofSeconds(10), phases.get(1).minimum());
        assertEquals(Duration.ofSeconds(60), phases.get(1).duration());
        assertFalse(phases.get(2).ranged());
    }

    /** The plan {@code phases} (YAML flow items, one a line) with {@code more} is refused, saying every one of {@code words}. */
    private void refused(String phases, String more, String... words) {
        StringBuilder yaml = new StringBuilder("load:\n  from: contracts\n  plan:\n");
        phases.lines().forEach(l -> yaml.append("    - ").append(l.strip()).append('\n'));
        ConfigException e = fails(yaml + more);
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), w + " in: " + e.getMessage());
        }
    }

    @Test
    void rangesThatCannotWorkAreRefusedUpFront() {
        refused("""
                {phase: baseline, rate: 30/s, duration: 30s}
                {phase: climb, rate: 60/s, duration: 10s..30s, ramp: true}""", "", "load.plan[1].duration", "ramp");
        refused("{phase: baseline, rate: 30/s, duration: auto}", "", "unscored warm-up", "10s..60s");
        refused("{phase: baseline, rate: 30/s, duration: 10s-60s}", "", "'10s-60s'", "10s..60s");
        refused("""
                {phase: baseline, rate: 30/s, duration: 30s}
                {phase: outage, rate: 30/s, duration: 20s..40s}""",
                "faults:\n  - {service: api, phase: outage, action: pause}\n", "faults[0].phase", "written timing");
        refused("{phase: baseline, rate: 30/s, duration: 10s..30s}", "  injectors: 2\n", "load.injectors", "one injector");
    }
}
