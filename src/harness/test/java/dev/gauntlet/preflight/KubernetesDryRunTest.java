package dev.gauntlet.preflight;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.config.GateSpec;
import dev.gauntlet.config.GateSpecs;
import dev.gauntlet.load.LoadPlan;
import dev.gauntlet.load.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry run says what {@code load.injectors: {on: kubernetes}} will create on the cluster. */
class KubernetesDryRunTest {
    @TempDir
    Path dir;

    @Test
    void theDryRunNamesTheJobItsSettingsAndTheConfigMaps() throws Exception {
        Path f = dir.resolve("staging.yaml");
        Files.writeString(f, """
                name: staging
                kind: external
                targets: [10.200.7.2]
                services:
                  orders: {url: "http://10.200.7.2:8080", health: /health, underTest: true}
                load:
                  simulation: SpikeSimulation
                  injectors: {count: 4, on: kubernetes, namespace: load, serviceAccount: gauntlet-injector,
                              requests: {cpu: "1", memory: 1536Mi}, limits: {memory: 2Gi}, nodeSelector: {pool: load}}
                """);
        GateSpec spec = GateSpecs.load(f, Map.of());
        LoadPlan plan = LoadPlan.of(List.of(new Phase("baseline", true, 300, 300, Duration.ofMinutes(5))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlanPrinter.print(spec, new Preflight.Plan("simulations.SpikeSimulation", plan, List.of(), List.of(), null,
                List.of(), null, null), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("INJECTORS   4 on kubernetes"), out);
        assertTrue(out.contains("KUBERNETES  in namespace load: ConfigMap gauntlet-RUN-input"), out);
        assertTrue(out.contains("Indexed Job gauntlet-RUN (4 pods of gauntlet-injector:latest"), out);
        assertTrue(out.contains("backoffLimit 0, activeDeadlineSeconds 600"), out);
        assertTrue(out.contains("limits {memory=2Gi}; service account gauntlet-injector; nodes {pool=load}"), out);
        assertTrue(out.contains("deleted at the end, on Ctrl-C or an abort"), out);
    }
}
