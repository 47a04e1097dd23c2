package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import dev.gauntlet.process.ChildProcesses;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One run's objects on the cluster: creates the input ConfigMap and the Job, answers what the pods are and what they
 * logged, creates the go ConfigMap, and {@linkplain #close deletes} the Job, its pods and ConfigMaps (idempotent; the
 * gate's teardown calls it too, on Ctrl-C or an abort, as it stops its processes).
 */
final class KubernetesRun implements AutoCloseable {
    /** The most a ConfigMap holds (etcd's 1 MiB, less room for its metadata). */
    static final int MAX_INPUT_BYTES = 1_000_000;
    /** The annotation Kubernetes puts on every pod of an Indexed Job. */
    static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
    /** What {@link dev.gauntlet.process.Leftovers} records while a run's Job exists. */
    static final String MARK = "kubernetes-job";

    private final KubernetesClient client;
    private final KubernetesManifests manifests;
    private final Consumer<String> console;
    private volatile boolean closed;

    private KubernetesRun(KubernetesClient client, KubernetesManifests manifests, Consumer<String> console) {
        this.client = client;
        this.manifests = manifests;
        this.console = console;
    }

    /** Connects, creates the input ConfigMap and the Job; registers the teardown with {@code processes}. */
    static KubernetesRun start(LoadSpec spec, URI target, List<String> targets, Path out, ChildProcesses processes,
                               TapSpec tap, Consumer<String> console) {
        KubernetesSpec k = spec.injectors().kubernetes();
        KubernetesClient client = connect(k);
        String namespace = k.namespace() != null ? k.namespace()
                : client.getNamespace() != null ? client.getNamespace() : "default";
        KubernetesManifests m = new KubernetesManifests(runName(), namespace, spec.injectors(),
                KubernetesManifests.deadline(spec));
        KubernetesRun run = new KubernetesRun(client, m, console);
        processes.adopt(MARK, run);
        Map<String, String> data = new TreeMap<>();
        Map<String, String> binary = new TreeMap<>();
        List<String> props = new ArrayList<>(LoadStage.properties(spec, target, targets));
        props.addAll(tap.properties());
        data.put(PodInjector.WORKER_PROPERTIES, PodInjector.workerArgs(spec.simulationClass(), props));
        try {
            Path traffic = out.resolve(RunFiles.TRAFFIC);
            if (Files.exists(traffic)) {
                data.put(RunFiles.TRAFFIC, Files.readString(traffic, StandardCharsets.UTF_8));
            }
            byte[] classes = classes(spec.simulationClass(), processes.workspace().classpath());
            if (classes != null) {
                binary.put(PodInjector.CLASSES_JAR, Base64.getEncoder().encodeToString(classes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the injector pods' inputs", e);
        }
        long size = Stream.concat(data.values().stream(), binary.values().stream()).mapToLong(String::length).sum();
        if (size > MAX_INPUT_BYTES) {
            throw new LoadException(String.format("the injector pods' inputs take %,d bytes, more than a ConfigMap "
                    + "holds (%,d): the traffic from contracts or the simulation classes are too large; build an "
                    + "image FROM %s with your simulations' jar in /app/libs and set load.injectors.image",
                    size, MAX_INPUT_BYTES, KubernetesSpec.DEFAULT_IMAGE), "");
        }
        try {
            client.configMaps().inNamespace(namespace).resource(m.input(data, binary)).create();
            client.batch().v1().jobs().inNamespace(namespace).resource(m.job()).create();
        } catch (KubernetesClientException e) {
            run.close();
            throw KubernetesInjectors.refused("cannot create the injector Job " + namespace + "/" + m.run(), e);
        }
        console.accept("[gate]   created Job " + namespace + "/" + m.run() + ": " + spec.injectors().count()
                + " injector pods of " + k.image());
        return run;
    }

    static KubernetesClient connect(KubernetesSpec k) {
        try {
            Config config = k.kubeconfig() == null ? Config.autoConfigure(k.context())
                    : Config.fromKubeconfig(k.context(), Files.readString(k.kubeconfig()), k.kubeconfig().toString());
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new LoadException("cannot read load.injectors.kubeconfig " + k.kubeconfig() + ": " + e, "");
        } catch (KubernetesClientException e) {
            throw KubernetesInjectors.refused("cannot configure the Kubernetes client", e);
        }
    }

    /** {@code gauntlet-<base36 time>-<random>}: a Job name (and pod host name prefix) well under 63 characters. */
    static String runName() {
        byte[] r = new byte[2];
        new SecureRandom().nextBytes(r);
        return "gauntlet-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + String.format("%02x%02x", r[0], r[1]);
    }

    /**
     * The simulation's package from the class-path folder that holds it, as a jar; null when the simulation is in a
     * jar or is gauntlet's own (the image has those).
     */
    static byte[] classes(String simulation, List<Path> classpath) throws IOException {
        if (simulation.startsWith("dev.gauntlet.load.")) {
            return null;
        }
        String file = simulation.replace('.', '/') + ".class";
        for (Path entry : classpath) {
            if (!Files.isDirectory(entry) || !Files.exists(entry.resolve(file))) {
                continue;
            }
            Path pkg = entry.resolve(file).getParent();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(pkg)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new ZipEntry(entry.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, zip);
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
        return null;
    }

    KubernetesManifests manifests() {
        return manifests;
    }

    String namespace() {
        return manifests.namespace();
    }

    /** The run's pods by injector (1-based), terminating ones included. */
    Map<Integer, Pod> pods() {
        stillOn();
        Map<Integer, Pod> out = new LinkedHashMap<>();
        try {
            for (Pod p : client.pods().inNamespace(namespace()).withLabel(KubernetesManifests.RUN_LABEL, manifests.run())
                    .list().getItems()) {
                String index = p.getMetadata().getAnnotations() == null ? null
                        : p.getMetadata().getAnnotations().get(INDEX_ANNOTATION);
                if (index != null) { // a terminating pod too: its log is still there
                    out.put(Integer.parseInt(index) + 1, p);
                }
            }
        } catch (KubernetesClientException e) {
            throw KubernetesInjectors.refused("cannot list the injector pods", e);
        }
        return out;
    }

    /** The pod's log (its last {@code lines} lines, all with 0), or empty when it has none (yet). */
    String log(String pod, int lines) {
        if (closed) {
            return "";
        }
        try {
            var p = client.pods().inNamespace(namespace()).withName(pod);
            String log = lines > 0 ? p.tailingLines(lines).getLog() : p.getLog();
            return log == null ? "" : log;
        } catch (KubernetesClientException e) {
            return "";
        }
    }

    /** The pod log's last line with its time stamp: it changes as long as the injector records. */
    String lastLine(String pod) {
        if (closed) {
            return "";
        }
        try {
            String log = client.pods().inNamespace(namespace()).withName(pod).usingTimestamps().tailingLines(1)
                    .getLog();
            return log == null ? "" : log;
        } catch (KubernetesClientException e) {
            return "";
        }
    }

    /** Creates the go ConfigMap: every pod starts its load at {@code startEpochMillis}. */
    void go(long startEpochMillis) {
        stillOn();
        try {
            client.configMaps().inNamespace(namespace()).resource(manifests.go(startEpochMillis)).create();
        } catch (KubernetesClientException e) {
            throw KubernetesInjectors.refused("cannot release the injector pods", e);
        }
    }

    /** Fails the load stage when the Job was deleted under it (the gate's teardown: Ctrl-C, an abort). */
    private void stillOn() {
        if (closed) {
            throw new LoadException("the injector Job " + namespace() + "/" + manifests.run() + " was deleted: the "
                    + "gate is stopping", "");
        }
    }

    /** Deletes the Job, its pods and the run's ConfigMaps; closes the client. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        String ns = namespace();
        try {
            client.batch().v1().jobs().inNamespace(ns).withName(manifests.run())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            client.pods().inNamespace(ns).withLabel(KubernetesManifests.RUN_LABEL, manifests.run()).delete();
            client.configMaps().inNamespace(ns).withLabel(KubernetesManifests.RUN_LABEL, manifests.run()).delete();
            console.accept("[gate]   deleted Job " + ns + "/" + manifests.run() + " with its pods and ConfigMaps");
        } catch (KubernetesClientException e) {
            System.err.println("[gate] could not delete Job " + ns + "/" + manifests.run() + " (delete it with kubectl "
                    + "delete job,configmap -l " + KubernetesManifests.RUN_LABEL + "=" + manifests.run() + " -n " + ns
                    + "): " + e.getMessage());
        } finally {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "Job " + namespace() + "/" + manifests.run();
    }
}
