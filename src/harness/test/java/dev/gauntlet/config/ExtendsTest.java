package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.environment.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extends:}: environment files that say only what differs, and errors that name the file to change. */
class ExtendsTest {
    @TempDir
    Path dir;

    private static final String BASE = """
            name: base
            services:
              db:
                command: [db-server, --port, "${port}"]
                health: /health
                startTimeout: 5s
              api:
                underTest: true
                dependsOn: [db]
                command: [api-server, --port, "${port}"]
                health: /health
            load:
              simulation: BaselineSimulation
              settings: {warmup: 3s, baselineRate: 30}
            objectives:
              - {phase: baseline, latency: p95 < 250ms}
              - {errors: < 1%}
            """;

    private Path write(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void mappingsMergeAndListsAreReplaced() throws IOException {
        write("base.yaml", BASE);
        Path child = write("child.yaml", """
                extends: base.yaml
                name: child
                services:
                  api:
                    command: [api-server, --fast]
                load:
                  settings: {baselineRate: 60}
                objectives:
                  - {phase: baseline, latency: p99 < 900ms}
                """);
        GateSpec spec = GateSpecs.load(child, Map.of());
        assertEquals("child", spec.environment().name());
        ServiceSpec api = spec.environment().underTest();
        assertEquals(List.of("api-server", "--fast"), api.command(), "a list is replaced, not appended to");
        assertEquals("/health", api.healthPath(), "fields the child does not write come from the base");
        assertEquals(List.of("db"), api.dependsOn());
        assertEquals(Map.of("warmup", "3s", "baselineRate", "60"), spec.load().settings(), "mappings merge");
        assertEquals(1, spec.objectives().size(), "the objectives list is replaced");
    }

    @Test
    void extendsIsRelativeToTheFileThatSaysItAndChains() throws IOException {
        write("shared/base.yaml", BASE);
        write("shared/middle.yaml", "extends: base.yaml\nname: middle\n");
        Path child = write("teams/child.yaml", "extends: ../shared/middle.yaml\nload: {settings: {warmup: 9s}}\n");
        GateSpec spec = GateSpecs.load(child, Map.of("load.settings.baselineRate", "45"));
        assertEquals("middle", spec.environment().name());
        assertEquals("9s", spec.load().settings().get("warmup"));
        assertEquals("45", spec.load().settings().get("baselineRate"), "--set applies to the merged file");
    }

    @Test
    void anErrorNamesTheFileThatWroteTheBadField() throws IOException {
        Path base = write("base.yaml", BASE.replace("startTimeout: 5s", "startTimeout: soon"));
        Path child = write("child.yaml", "extends: base.yaml\nname: child\n");
        ConfigException inBase = assertThrows(ConfigException.class, () -> GateSpecs.load(child, Map.of()));
        assertEquals(base, inBase.file(), inBase.getMessage());
        assertEquals("services.db.startTimeout", inBase.field());

        write("base.yaml", BASE);
        Path bad = write("bad.yaml", "extends: base.yaml\nservices:\n  api:\n    helth: /ready\n");
        ConfigException inChild = assertThrows(ConfigException.class, () -> GateSpecs.load(bad, Map.of()));
        assertEquals(bad, inChild.file(), inChild.getMessage());
        assertTrue(inChild.getMessage().contains("services.api.helth: unknown field"), inChild.getMessage());
    }

    @Test
    void setReachesIntoListsByIndex() throws IOException {
        write("base.yaml", BASE);
        Path child = write("child.yaml", "extends: base.yaml\n");
        GateSpec spec = GateSpecs.load(child, Map.of("objectives[1]", "{errors: < 5%}",
                "services.api.command[1]", "--verbose"));
        assertEquals(List.of("api-server", "--verbose", "${port}"), spec.environment().underTest().command());
        assertEquals(0.05, ((dev.gauntlet.slo.Objective.ErrorRate) spec.objectives().get(1)).maxRatio(), 1e-9);
        ConfigException beyond = assertThrows(ConfigException.class, () -> GateSpecs.load(child, Map.of("objectives[5]", "{}")));
        assertTrue(beyond.getMessage().contains("the list has 2 item(s), so there is no [5]"), beyond.getMessage());
        ConfigException notList = assertThrows(ConfigException.class, () -> GateSpecs.load(child, Map.of("name[0]", "x")));
        assertTrue(notList.getMessage().contains("'name' is not a list"), notList.getMessage());
    }

    @Test
    void aMissingOrCircularParentIsAClearError() throws IOException {
        Path orphan = write("orphan.yaml", "extends: nowhere.yaml\nname: x\n");
        ConfigException missing = assertThrows(ConfigException.class, () -> GateSpecs.load(orphan, Map.of()));
        assertEquals(orphan, missing.file());
        assertEquals("extends", missing.field());
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());

        write("a.yaml", "extends: b.yaml\n");
        Path b = write("b.yaml", "extends: a.yaml\n");
        ConfigException loop = assertThrows(ConfigException.class, () -> GateSpecs.load(b, Map.of()));
        assertTrue(loop.getMessage().contains("extends itself"), loop.getMessage());

        Path notText = write("list.yaml", "extends: [a.yaml]\n");
        ConfigException wrongType = assertThrows(ConfigException.class, () -> GateSpecs.load(notText, Map.of()));
        assertEquals("extends", wrongType.field());
    }

    @Test
    void theShippedVariantsSayOnlyWhatDiffers() {
        GateSpec local = GateSpecs.load(Path.of("environments/local.yaml"), Map.of());
        GateSpec ci = GateSpecs.load(Path.of("environments/ci.yaml"), Map.of());
        GateSpec outage = GateSpecs.load(Path.of("environments/outage.yaml"), Map.of());
        GateSpec ciOutage = GateSpecs.load(Path.of("environments/ci-outage.yaml"), Map.of());
        assertEquals(local.contracts(), ci.contracts());
        assertEquals(local.objectives(), ci.objectives());
        assertEquals(local.load(), ci.load());
        assertEquals("containers", ci.environment().kind());
        // the same faults in the same order, the database's included, but for the replica's (containers run one);
        // ci-outage.yaml spaces them wider (a container's restart ends later)
        assertEquals(outage.faults().stream().filter(f -> !f.service().contains("#"))
                        .map(f -> f.service() + " " + f.label() + " " + f.phase()).toList(),
                ciOutage.faults().stream().map(f -> f.service() + " " + f.label() + " " + f.phase()).toList());
        // outage.yaml's objectives but failover: one container has no replica to lose (it could only be INCONCLUSIVE)
        assertEquals(outage.objectives().stream().filter(o -> o.kind() != dev.gauntlet.slo.Objective.Kind.FAILOVER)
                .toList(), ciOutage.objectives());
        assertTrue(outage.objectives().stream().anyMatch(o -> o.kind() == dev.gauntlet.slo.Objective.Kind.FAILOVER));
        assertEquals("containers", ciOutage.environment().kind());
        // contracts.yaml: local.yaml's objectives but caching per-identity (its traffic has one caller: the contracts')
        GateSpec contracts = GateSpecs.load(Path.of("environments/contracts.yaml"), Map.of());
        assertEquals(local.objectives().stream().filter(o -> !(o instanceof dev.gauntlet.slo.Caching c
                && c.rule() == dev.gauntlet.slo.Caching.Rule.PER_IDENTITY)).toList(), contracts.objectives());
        assertEquals(local.objectives().size() - 1, contracts.objectives().size());
        assertEquals(local.environment().services().stream().map(ServiceSpec::readiness).toList(),
                ci.environment().services().stream().map(ServiceSpec::readiness).toList());
    }
}
