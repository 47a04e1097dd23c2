package dev.gauntlet.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Job controller and the kubelet, over fabric8's mock API server in CRUD mode (no cluster runs
 * here): when a Job appears it creates its pods as an Indexed Job's controller does (one per completion index, with
 * the index annotation, label and {@code JOB_COMPLETION_INDEX}; when a pod of a Job with {@code backoffLimit: 0}
 * fails, the Job's other running pods are deleted gracefully, as the controller does); it runs each pod's container command as a LOCAL
 * process with the environment a real pod gets (the container's env with field references resolved,
 * {@code HOSTNAME}, {@code KUBERNETES_SERVICE_HOST/PORT}), its ConfigMap and emptyDir volumes as local folders, and
 * reports the pod Running, then Succeeded or Failed with the exit code; a deleted pod's process is stopped (SIGTERM,
 * as a kubelet does). The pods' logs are served at {@code /api/v1/namespaces/NS/pods/NAME/log} (tailLines,
 * timestamps). What differs from a real pod: the image is this build's class path ({@code java} and
 * {@code /app/...} mapped to {@link ImageClasspath}) unless a real image is named ({@link #withImage}: {@link DockerPod}),
 * and the API server is reached over plain HTTP on loopback.
 */
public final class KubeletStandIn implements AutoCloseable {
    /** The mock server logs every request at INFO: kept quiet (held here, or the setting is collected). */
    private static final java.util.logging.Logger MOCK_LOG = quiet();
    private static final Pattern LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?(.*))?");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path root;
    private final List<Path> image;
    /** A real image to run each pod's container from on the local Docker engine, or null: local processes. */
    private final String dockerImage;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final Map<String, Path> logs = new ConcurrentHashMap<>();
    private final Set<String> jobsSeen = ConcurrentHashMap.newKeySet();
    private final List<Job> jobs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    /** Pods being deleted gracefully (deletionTimestamp set, SIGTERM sent): removed once their container ends. */
    private final Set<String> terminating = ConcurrentHashMap.newKeySet();
    /** The pods that exist, as of the last loop: a deleted pod has no log any more. */
    private volatile Set<String> existing = Set.of();
    private final Thread loop;
    private volatile boolean running = true;

    /**
     * @param root  where the pods' folders and logs go
     * @param image the class path standing in for the image's {@code /app} (without the user's simulations)
     */
    public KubeletStandIn(Path root, List<Path> image) throws IOException {
        this(root, image, null);
    }

    /** Pods run from the real image {@code dockerImage} on the local Docker engine (host networking). */
    public static KubeletStandIn withImage(Path root, String dockerImage) throws IOException {
        return new KubeletStandIn(root, List.of(), dockerImage);
    }

    private KubeletStandIn(Path root, List<Path> image, String dockerImage) throws IOException {
        this.root = Files.createDirectories(root);
        this.image = image;
        this.dockerImage = dockerImage;
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(new HashMap<>());
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Matcher m = LOG.matcher(request.getPath());
                return m.matches() && request.getMethod().equals("GET") ? log(m.group(2), m.group(4))
                        : crud.dispatch(request);
            }
        }, false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        this.client = server.createClient();
        this.loop = new Thread(this::loop, "kubelet-stand-in");
        loop.setDaemon(true);
        loop.start();
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    /** The API server's address. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public KubernetesClient client() {
        return client;
    }

    /** A kubeconfig for the gate: this API server, namespace {@code namespace}. */
    public Path kubeconfig(String namespace) throws IOException {
        Path f = root.resolve("kubeconfig.yaml");
        Files.writeString(f, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: gate, user: {token: not-checked}}]
                contexts: [{name: mock, context: {cluster: mock, user: gate, namespace: %s}}]
                current-context: mock
                """.formatted(url(), namespace));
        return f;
    }

    /** The log of pod {@code name} so far (empty before it started). */
    public String logOf(String name) {
        Path log = logs.get(name);
        try {
            return log == null || !Files.exists(log) ? "" : Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills pod {@code name}'s container with SIGKILL (an OOM kill, a node lost): it ends with exit 137. */
    public void kill(String name) {
        if (dockerImage != null) {
            DockerPod.kill(name);
        }
        Process p = processes.get(name);
        if (p != null) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** The Jobs this controller saw created, as they were created. */
    public List<Job> jobs() {
        return List.copyOf(jobs);
    }

    /** The pod of completion index {@code index} (0-based) that runs here, or null. */
    public String podOf(int index) {
        return processes.keySet().stream().filter(n -> n.matches(".*-" + index + "-[a-z0-9]+")).findFirst()
                .orElse(null);
    }

    /** Pods whose container is still running here. */
    public List<String> running() {
        return processes.entrySet().stream().filter(e -> e.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    private void loop() {
        while (running) {
            try {
                for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
                    if (jobsSeen.add(job.getMetadata().getNamespace() + "/" + job.getMetadata().getName())) {
                        jobs.add(job);
                        createPods(job);
                    }
                }
                Map<String, Pod> pods = new LinkedHashMap<>();
                client.pods().inAnyNamespace().list().getItems().forEach(p -> pods.put(p.getMetadata().getName(), p));
                existing = Set.copyOf(pods.keySet());
                for (Pod pod : pods.values()) {
                    String name = pod.getMetadata().getName();
                    if (!processes.containsKey(name)) {
                        start(pod);
                    } else if (!processes.get(name).isAlive() && ended.add(name)) {
                        int exit = processes.get(name).exitValue();
                        finished(pod, exit);
                        if (exit != 0) {
                            jobFailed(pod, pods.values());
                        }
                        if (terminating.remove(name)) {
                            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(name).delete();
                        }
                    }
                }
                for (Map.Entry<String, Process> e : processes.entrySet()) {
                    if (!pods.containsKey(e.getKey()) && e.getValue().isAlive() && !terminating.contains(e.getKey())) {
                        e.getValue().destroy(); // the pod was deleted: SIGTERM, as a kubelet does
                    }
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | IOException e) {
                if (running) {
                    System.err.println("[kubelet stand-in] " + e);
                }
            }
        }
    }

    /** What an Indexed Job's controller does: one pod per completion index, up to the parallelism. */
    private void createPods(Job job) {
        String ns = job.getMetadata().getNamespace();
        for (int i = 0; i < job.getSpec().getParallelism(); i++) {
            String index = Integer.toString(i);
            Pod pod = new PodBuilder().withNewMetadata()
                    .withName(job.getMetadata().getName() + "-" + i + "-" + Long.toString(System.nanoTime() % 46656, 36))
                    .withNamespace(ns)
                    .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                    .addToLabels("job-name", job.getMetadata().getName())
                    .addToLabels("batch.kubernetes.io/job-completion-index", index)
                    .addToAnnotations("batch.kubernetes.io/job-completion-index", index)
                    .endMetadata()
                    .withSpec(job.getSpec().getTemplate().getSpec())
                    .withStatus(new PodStatusBuilder().withPhase("Pending").build())
                    .build();
            pod.getSpec().getContainers().get(0).getEnv().add(new EnvVar("JOB_COMPLETION_INDEX", index, null));
            client.pods().inNamespace(ns).resource(pod).create();
        }
    }

    /**
     * What the Job controller does when a pod of a Job with {@code backoffLimit: 0} fails: the Job fails and its other
     * running pods are deleted gracefully (deletionTimestamp set, SIGTERM; the object goes once the container ended).
     */
    private void jobFailed(Pod failed, java.util.Collection<Pod> pods) {
        String job = failed.getMetadata().getLabels().get("job-name");
        boolean noRetry = jobs.stream().anyMatch(j -> j.getMetadata().getName().equals(job)
                && Integer.valueOf(0).equals(j.getSpec().getBackoffLimit()));
        if (!noRetry) {
            return;
        }
        for (Pod other : pods) {
            String name = other.getMetadata().getName();
            Process p = processes.get(name);
            if (job.equals(other.getMetadata().getLabels().get("job-name")) && p != null && p.isAlive()
                    && terminating.add(name)) {
                client.pods().inNamespace(other.getMetadata().getNamespace()).withName(name).edit(x -> new PodBuilder(x)
                        .editMetadata().withDeletionTimestamp(Instant.now().toString())
                        .withDeletionGracePeriodSeconds(30L).endMetadata().build());
                p.destroy(); // SIGTERM to the container
            }
        }
    }

    /** What a kubelet does: mounts the volumes, sets the environment, starts the container's command. */
    private void start(Pod pod) throws IOException {
        String name = pod.getMetadata().getName();
        String ns = pod.getMetadata().getNamespace();
        Path dir = root.resolve(name);
        Map<String, Path> mounts = new LinkedHashMap<>();
        Container c = pod.getSpec().getContainers().get(0);
        for (Volume v : pod.getSpec().getVolumes()) {
            Path local = dir.resolve("volumes").resolve(v.getName());
            Files.createDirectories(local);
            if (v.getConfigMap() != null) {
                ConfigMap cm = client.configMaps().inNamespace(ns).withName(v.getConfigMap().getName()).get();
                if (cm == null) {
                    return; // a real kubelet waits for the ConfigMap too
                }
                if (cm.getData() != null) {
                    for (Map.Entry<String, String> e : cm.getData().entrySet()) {
                        Files.writeString(local.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                    }
                }
                if (cm.getBinaryData() != null) {
                    for (Map.Entry<String, String> e : cm.getBinaryData().entrySet()) {
                        Files.write(local.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
                    }
                }
            }
            for (VolumeMount m : c.getVolumeMounts()) {
                if (m.getName().equals(v.getName())) {
                    mounts.put(m.getMountPath(), local);
                }
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOSTNAME", name);
        env.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
        env.put("KUBERNETES_SERVICE_PORT", Integer.toString(server.getPort()));
        env.put("KUBERNETES_MASTER", url()); // in a cluster: the service account's in-cluster config (https)
        env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        env.put("KUBERNETES_NAMESPACE", ns);
        for (EnvVar e : c.getEnv()) {
            String value = e.getValue();
            if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
                String field = e.getValueFrom().getFieldRef().getFieldPath();
                value = switch (field) {
                    case "metadata.namespace" -> ns;
                    case "metadata.name" -> name;
                    default -> throw new IllegalArgumentException("stand-in: field " + field + " not served");
                };
            }
            env.put(e.getName(), dockerImage != null ? value : mounted(value, mounts));
        }
        List<String> command = new ArrayList<>();
        if (dockerImage != null) {
            command.addAll(DockerPod.command(name, dockerImage, env, mounts, c.getCommand()));
        } else {
            for (String arg : c.getCommand()) {
                command.add(arg.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                        : arg.startsWith("/app/") ? String.join(File.pathSeparator, image.stream().map(Path::toString)
                        .toList()) : mounted(arg, mounts));
            }
        }
        Path log = dir.resolve("container.log");
        logs.put(name, log);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().putAll(env);
        processes.put(name, pb.start());
        client.pods().inNamespace(ns).withName(name).editStatus(p -> new PodBuilder(p).withStatus(
                new PodStatusBuilder().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
                        .withName(c.getName()).withReady(true).withState(new ContainerStateBuilder().withNewRunning()
                                .withStartedAt(Instant.now().toString()).endRunning().build()).build()).build()).build());
    }

    private void finished(Pod pod, int exit) {
        String name = pod.getMetadata().getName();
        if (client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(name).get() == null) {
            return; // deleted meanwhile
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(name).editStatus(p -> new PodBuilder(p)
                .withStatus(new PodStatusBuilder().withPhase(exit == 0 ? "Succeeded" : "Failed")
                        .withContainerStatuses(new ContainerStatusBuilder().withName("injector").withState(
                                new ContainerStateBuilder().withNewTerminated().withExitCode(exit)
                                        .withReason(exit == 0 ? "Completed" : "Error")
                                        .withFinishedAt(Instant.now().toString()).endTerminated().build()).build())
                        .build()).build());
    }

    private static String mounted(String value, Map<String, Path> mounts) {
        if (value == null) {
            return null;
        }
        for (Map.Entry<String, Path> m : mounts.entrySet()) {
            if (value.equals(m.getKey()) || value.startsWith(m.getKey() + "/")) {
                return m.getValue() + value.substring(m.getKey().length());
            }
        }
        return value;
    }

    /** {@code GET …/pods/NAME/log}: the container's output, its last {@code tailLines}, with time stamps if asked. */
    private MockResponse log(String pod, String query) {
        return PodLogs.serve(pod, logs.get(pod), existing.contains(pod), query);
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        processes.values().forEach(p -> {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        if (dockerImage != null) {
            DockerPod.remove(processes.keySet());
        }
        client.close();
        server.destroy();
    }
}
