package dev.gauntlet.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where and how the injector pods of {@code load.injectors: {on: kubernetes}} run: the fields under
 * {@code load.injectors} that only Kubernetes reads.
 *
 * @param namespace      the namespace of the Job, its pods and its ConfigMaps
 * @param image          gauntlet's container image (the build's {@code gauntlet-injector} image, or one built on it
 *                       with the simulation classes inside)
 * @param pullPolicy     {@code IfNotPresent}, {@code Always} or {@code Never}
 * @param serviceAccount the pods' service account (it must be allowed to read the run's go ConfigMap), or null
 * @param requests       {@code cpu} and {@code memory} each pod asks for (may be empty)
 * @param limits         {@code cpu} and {@code memory} each pod may use at most (may be empty)
 * @param nodeSelector   node labels the pods must land on
 * @param tolerations    taints the pods tolerate
 * @param ttl            how long the finished Job is kept before Kubernetes removes it ({@code ttlSecondsAfterFinished})
 * @param kubeconfig     the kubeconfig file to use, or null (then {@code KUBECONFIG}, {@code ~/.kube/config} or the
 *                       in-cluster service account, as kubectl does)
 * @param context        the kubeconfig context to use, or null for its current one
 */
public record KubernetesSpec(String namespace, String image, String pullPolicy, String serviceAccount,
                             Map<String, String> requests, Map<String, String> limits,
                             Map<String, String> nodeSelector, List<Toleration> tolerations, Duration ttl,
                             Path kubeconfig, String context) {
    /** The image the build makes ({@code mvn -Pinjector-image package}). */
    public static final String DEFAULT_IMAGE = "gauntlet-injector:latest";

    public KubernetesSpec {
        requests = Map.copyOf(requests);
        limits = Map.copyOf(limits);
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
    }

    /**
     * A taint the pods tolerate ({@code operator} {@code Equal} or {@code Exists}).
     *
     * @param seconds for {@code NoExecute}: how long a pod stays after the taint appears, or null for ever
     */
    public record Toleration(String key, String operator, String value, String effect, Long seconds) {
    }
}
