package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.load.Injectors;
import dev.gauntlet.load.KubernetesSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load.injectors} with {@code on: kubernetes}: where the Job's pods run, each field checked. */
class InjectorFieldsTest {
    @TempDir
    Path dir;

    private static final String EXTERNAL = """
            name: staging
            kind: external
            targets: [10.200.7.2]
            services:
              orders: {url: "http://10.200.7.2:8080", health: /health, underTest: true}
            load:
              simulation: SpikeSimulation
            """;

    private Injectors injectors(String injectors) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, EXTERNAL + "  injectors: " + injectors + "\n");
        return GateSpecs.load(f, Map.of()).load().injectors();
    }

    private String fails(String injectors) {
        return assertThrows(ConfigException.class, () -> injectors(injectors)).getMessage();
    }

    @Test
    void everyKubernetesFieldIsRead() throws IOException {
        Injectors i = injectors("{count: 4, on: kubernetes, namespace: load, image: 'reg.example/gauntlet:1', "
                + "pullPolicy: Always, serviceAccount: gauntlet-injector, requests: {cpu: 500m, memory: 1536Mi}, "
                + "limits: {memory: 2Gi}, nodeSelector: {pool: load}, ttl: 30m, kubeconfig: kube.yaml, context: ci, "
                + "tolerations: [{key: dedicated, value: load, effect: NoSchedule}, {operator: Exists, "
                + "effect: NoExecute, seconds: 60s}]}");
        assertEquals(4, i.count());
        assertTrue(i.onKubernetes());
        KubernetesSpec k = i.kubernetes();
        assertEquals("load", k.namespace());
        assertEquals("reg.example/gauntlet:1", k.image());
        assertEquals("Always", k.pullPolicy());
        assertEquals("gauntlet-injector", k.serviceAccount());
        assertEquals(Map.of("cpu", "500m", "memory", "1536Mi"), k.requests());
        assertEquals(Map.of("memory", "2Gi"), k.limits());
        assertEquals(Map.of("pool", "load"), k.nodeSelector());
        assertEquals(Duration.ofMinutes(30), k.ttl());
        assertEquals(Path.of("kube.yaml"), k.kubeconfig());
        assertEquals("ci", k.context());
        assertEquals(new KubernetesSpec.Toleration("dedicated", "Equal", "load", "NoSchedule", null),
                k.tolerations().get(0));
        assertEquals(new KubernetesSpec.Toleration(null, "Exists", null, "NoExecute", 60L), k.tolerations().get(1));
    }

    @Test
    void defaultsNeedOnlyTheCountAndWhere() throws IOException {
        KubernetesSpec k = injectors("{count: 2, on: kubernetes}").kubernetes();
        assertEquals(KubernetesSpec.DEFAULT_IMAGE, k.image());
        assertEquals("IfNotPresent", k.pullPolicy());
        assertNull(k.namespace());
        assertNull(k.serviceAccount());
        assertEquals(Duration.ofMinutes(10), k.ttl());
        assertTrue(k.requests().isEmpty() && k.tolerations().isEmpty());
    }

    @Test
    void badFieldsAreNamedWithWhatWasExpected() {
        assertTrue(fails("{count: 2, on: kubernetes, namespace: Load_Test}").contains("load.injectors.namespace"));
        assertTrue(fails("{count: 2, on: kubernetes, namespace: Load_Test}").contains("namespace name"));
        assertTrue(fails("{count: 2, on: kubernetes, image: 'a b'}").contains("container image"));
        assertTrue(fails("{count: 2, on: kubernetes, pullPolicy: Sometimes}").contains("IfNotPresent, Always, Never"));
        assertTrue(fails("{count: 2, on: kubernetes, requests: {cpu: lots}}").contains("load.injectors.requests.cpu"));
        assertTrue(fails("{count: 2, on: kubernetes, requests: {gpu: 1}}").contains("gpu"));
        assertTrue(fails("{count: 2, on: kubernetes, tolerations: [{key: a, effect: Sometimes}]}")
                .contains("NoSchedule"));
        assertTrue(fails("{count: 2, on: kubernetes, tolerations: [{key: a, operator: Exists, value: b}]}")
                .contains("operator Exists"));
        assertTrue(fails("{count: 2, on: kubernetes, tolerations: [{key: a, seconds: 5s}]}").contains("NoExecute"));
        assertTrue(fails("{count: 300, on: kubernetes}").contains("1 to 256"));
        assertTrue(fails("{count: 2, on: cloud}").contains("'local'"));
        assertTrue(fails("{count: 2, namespace: load}").contains("only with 'on: kubernetes'"));
    }

    @Test
    void podsCannotReachServicesTheGateStartsOnItsLoopback() throws IOException {
        Path f = dir.resolve("local.yaml");
        Files.writeString(f, """
                name: t
                services:
                  api: {command: [api], health: /health, underTest: true}
                load:
                  simulation: SpikeSimulation
                  injectors: {count: 2, on: kubernetes}
                """);
        String message = assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of())).getMessage();
        assertTrue(message.contains("load.injectors.on") && message.contains("kind: external"), message);
    }
}
