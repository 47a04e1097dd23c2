package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Job and ConfigMaps of {@code load.injectors: {on: kubernetes}}, and the Kubernetes schema they must fit. */
class KubernetesManifestsTest {
    @TempDir
    Path dir;

    private static KubernetesManifests manifests() {
        KubernetesSpec k = new KubernetesSpec("load", "registry.example/gauntlet-injector:0.1.0", "IfNotPresent",
                "gauntlet-injector", Map.of("cpu", "1", "memory", "1536Mi"), Map.of("memory", "2Gi"),
                Map.of("pool", "load"), List.of(new KubernetesSpec.Toleration("dedicated", "Equal", "load",
                "NoSchedule", null), new KubernetesSpec.Toleration(null, "Exists", null, "NoExecute", 60L)),
                Duration.ofMinutes(10), null, null);
        LoadSpec spec = new LoadSpec(true, "simulations.SpikeSimulation", null, Map.of(), LoadPlan.of(List.of(
                new Phase("baseline", true, 300, 300, Duration.ofMinutes(5)))), Map.of(), Duration.ofMinutes(30),
                new Injectors(4, Injectors.KUBERNETES, 0.1, k));
        return new KubernetesManifests("gauntlet-mxbr0bhk-2285", "load", spec.injectors(),
                KubernetesManifests.deadline(spec));
    }

    @Test
    void anIndexedJobThatNeverRunsAnInjectorTwice() {
        Job job = manifests().job();
        assertEquals("Indexed", job.getSpec().getCompletionMode());
        assertEquals(4, job.getSpec().getCompletions());
        assertEquals(4, job.getSpec().getParallelism());
        assertEquals(0, job.getSpec().getBackoffLimit(), "a failed injector is never re-run into double load");
        assertEquals(5 * 60 + 120 + 180, job.getSpec().getActiveDeadlineSeconds(), "plan, 2 min, 3 min to start");
        assertEquals(600, job.getSpec().getTtlSecondsAfterFinished());
        assertEquals("gauntlet-mxbr0bhk-2285", job.getMetadata().getLabels().get(KubernetesManifests.RUN_LABEL));
        var pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals("gauntlet-injector", pod.getServiceAccountName());
        assertEquals(Map.of("pool", "load"), pod.getNodeSelector());
        assertEquals(2, pod.getTolerations().size());
        assertEquals(60L, pod.getTolerations().get(1).getTolerationSeconds());
        Container c = pod.getContainers().get(0);
        assertEquals("1536Mi", c.getResources().getRequests().get("memory").toString());
        assertEquals("2Gi", c.getResources().getLimits().get("memory").toString());
        assertNull(c.getResources().getLimits().get("cpu"), "no CPU limit unless asked (throttling skews latency)");
        assertEquals(PodInjector.class.getName(), c.getCommand().get(c.getCommand().size() - 1));
        assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals(PodInjector.ENV_GO)
                && e.getValue().equals("gauntlet-mxbr0bhk-2285-go")));
    }

    /**
     * Offline, kubectl cannot fetch the API server's OpenAPI ({@code --validate} needs a server), but
     * {@code kubectl set env --local -o json} decodes a manifest into kubectl's own compiled-in Kubernetes types
     * (1.32 here): a field of the wrong type fails, an unknown field is dropped. So the manifest must come back the
     * same, but for the variable added, or it does not fit the schema.
     */
    @Test
    void theJobFitsKubectlsKubernetesTypes() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl is not installed");
        KubernetesManifests m = manifests();
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, Serialization.asYaml(m.job()), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/kubectl", "set", "env", "--local", "-o", "json", "-f",
                file.toString(), "GAUNTLET_SCHEMA_CHECK=1").redirectErrorStream(true);
        pb.environment().put("KUBECONFIG", dir.resolve("none").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        ObjectMapper json = new ObjectMapper();
        JsonNode back = json.readTree(out);
        ObjectNode checked = (ObjectNode) back;
        checked.remove("status");
        ((ObjectNode) checked.get("metadata")).remove("creationTimestamp");
        ((ObjectNode) checked.at("/spec/template/metadata")).remove("creationTimestamp");
        ArrayNode env = (ArrayNode) checked.at("/spec/template/spec/containers/0/env");
        env.remove(env.size() - 1);
        assertEquals(json.readTree(Serialization.asJson(m.job())), checked,
                "kubectl's types dropped or changed a field of the Job");
    }
}
