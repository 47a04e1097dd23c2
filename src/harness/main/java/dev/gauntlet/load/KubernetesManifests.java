package dev.gauntlet.load;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code load.injectors: {on: kubernetes}} creates, as Kubernetes objects: the run's input ConfigMap (the worker's
 * arguments, the traffic from contracts, the simulation classes), an Indexed Job of N injector pods that mount it, and
 * later the go ConfigMap with the agreed start. Pure: the same run gives the same manifests.
 *
 * @param run the run's name: the Job's, and the prefix of its ConfigMaps ({@code gauntlet-…})
 */
public record KubernetesManifests(String run, String namespace, Injectors injectors, Duration deadline) {
    /** Labels every object of the gauntlet runs carries. */
    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    /** The run's own label: teardown deletes what carries it. */
    static final String RUN_LABEL = "gauntlet.dev/run";
    /** Where the pod's inputs and work folder are mounted. */
    static final String INPUT_MOUNT = "/gauntlet/input";
    static final String WORK_MOUNT = "/gauntlet/work";
    /** The image's class path (Jib's layout) and the injector's main class: the container's command. */
    static final List<String> COMMAND = List.of("java", "-XX:+UseContainerSupport", "-cp",
            "/app/resources:/app/classes:/app/libs/*", PodInjector.class.getName());
    /** How long the pods get to be scheduled, pull the image and build their simulation before the plan starts. */
    static final Duration READY_ALLOWANCE = Duration.ofMinutes(3);

    /**
     * The Job's deadline: the plan's duration and {@link #READY_ALLOWANCE} and two minutes to spare, or without a
     * known plan {@code load.timeout} and the allowance.
     */
    static Duration deadline(LoadSpec spec) {
        return deadline(spec.plan(), spec);
    }

    private static Duration deadline(LoadPlan plan, LoadSpec spec) {
        Duration work = plan == null ? spec.timeout() : plan.duration().plusMinutes(2);
        return work.plus(READY_ALLOWANCE);
    }

    /**
     * What the launch will create, for the dry run: the objects, the Job's settings and when they go.
     *
     * @param plan the plan the load will run (the simulation's, declared in the dry run), or null
     */
    public static String describe(LoadSpec spec, LoadPlan plan) {
        Injectors i = spec.injectors();
        KubernetesSpec k = i.kubernetes();
        String ns = k.namespace() == null ? "the kubeconfig context's namespace" : "namespace " + k.namespace();
        return String.format("in %s: ConfigMap gauntlet-RUN-input (the worker's arguments, the traffic from contracts, "
                + "the simulation's classes; at most 1 MB), Indexed Job gauntlet-RUN (%d pods of %s, pull %s; "
                + "completions = parallelism = %d, backoffLimit 0, activeDeadlineSeconds %d, "
                + "ttlSecondsAfterFinished %d; requests %s, limits %s%s%s%s), at the start ConfigMap gauntlet-RUN-go; "
                + "records come back on the pod logs; the Job, its pods and ConfigMaps are deleted at the end, on "
                + "Ctrl-C or an abort", ns, i.count(), k.image(), k.pullPolicy(), i.count(),
                deadline(plan == null ? spec.plan() : plan, spec).toSeconds(), k.ttl().toSeconds(),
                k.requests().isEmpty() ? "none" : new java.util.TreeMap<>(k.requests()),
                k.limits().isEmpty() ? "none" : new java.util.TreeMap<>(k.limits()),
                k.serviceAccount() == null ? "" : "; service account " + k.serviceAccount(),
                k.nodeSelector().isEmpty() ? "" : "; nodes " + new java.util.TreeMap<>(k.nodeSelector()),
                k.tolerations().isEmpty() ? "" : "; " + k.tolerations().size() + " toleration(s)");
    }

    KubernetesSpec k8s() {
        return injectors.kubernetes();
    }

    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME_LABEL, "gauntlet");
        labels.put(COMPONENT_LABEL, "load-injector");
        labels.put(RUN_LABEL, run);
        return labels;
    }

    String inputName() {
        return run + "-input";
    }

    String goName() {
        return run + "-go";
    }

    /** The inputs every pod mounts: text files in {@code data}, binary ones (the classes jar) in {@code binaryData}. */
    ConfigMap input(Map<String, String> data, Map<String, String> binaryData) {
        return new ConfigMapBuilder().withNewMetadata().withName(inputName()).withNamespace(namespace)
                .withLabels(labels()).endMetadata().withData(data).withBinaryData(binaryData).build();
    }

    /** The start every pod waits for, epoch millis. */
    ConfigMap go(long startEpochMillis) {
        return new ConfigMapBuilder().withNewMetadata().withName(goName()).withNamespace(namespace)
                .withLabels(labels()).endMetadata().addToData(PodInjector.START, Long.toString(startEpochMillis))
                .build();
    }

    /** The Indexed Job of {@code count} injector pods. */
    Job job() {
        KubernetesSpec k = k8s();
        int n = injectors.count();
        List<EnvVar> env = new ArrayList<>(List.of(
                new EnvVar(PodInjector.ENV_INPUT, INPUT_MOUNT, null),
                new EnvVar(PodInjector.ENV_WORK, WORK_MOUNT, null),
                new EnvVar(PodInjector.ENV_GO, goName(), null),
                new EnvVar(PodInjector.ENV_COUNT, Integer.toString(n), null),
                new EnvVarBuilder().withName(PodInjector.ENV_NAMESPACE).withNewValueFrom().withNewFieldRef()
                        .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build()));
        List<Toleration> tolerations = k.tolerations().stream().map(t -> new TolerationBuilder().withKey(t.key())
                .withOperator(t.operator()).withValue(t.value()).withEffect(t.effect())
                .withTolerationSeconds(t.seconds()).build()).toList();
        return new JobBuilder()
                .withNewMetadata().withName(run).withNamespace(namespace).withLabels(labels()).endMetadata()
                .withNewSpec()
                .withCompletionMode("Indexed").withCompletions(n).withParallelism(n)
                .withBackoffLimit(0) // a failed injector is never re-run into double load
                .withActiveDeadlineSeconds(deadline.toSeconds())
                .withTtlSecondsAfterFinished((int) k.ttl().toSeconds())
                .withNewTemplate()
                .withNewMetadata().withLabels(labels()).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(k.serviceAccount())
                .withNodeSelector(k.nodeSelector().isEmpty() ? null : k.nodeSelector())
                .withTolerations(tolerations.isEmpty() ? null : tolerations)
                .addNewContainer()
                .withName("injector").withImage(k.image()).withImagePullPolicy(k.pullPolicy())
                .withCommand(COMMAND)
                .withEnv(env)
                .withResources(new ResourceRequirementsBuilder().withRequests(quantities(k.requests()))
                        .withLimits(quantities(k.limits())).build())
                .addNewVolumeMount().withName("input").withMountPath(INPUT_MOUNT).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("work").withMountPath(WORK_MOUNT).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("input").withNewConfigMap().withName(inputName()).endConfigMap().endVolume()
                .addNewVolume().withName("work").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out.isEmpty() ? null : out;
    }

    /** The objects as one YAML stream (the dry run prints it; kubectl can check it). */
    String yaml(ConfigMap input) {
        return Serialization.asYaml(input) + Serialization.asYaml(job());
    }
}
