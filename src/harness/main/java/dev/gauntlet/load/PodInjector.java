package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Main class of an injector pod of {@code load.injectors: {on: kubernetes}}: runs one load worker (as
 * {@link LocalInjectors} does on this machine) with the inputs the coordinator left in the pod's ConfigMap, and hands
 * its records back on the pod's log: every line of the record log, the tap and the worker's files, framed as
 * {@value #FRAME}{@code <file> <line>}, as soon as the worker writes them. Its side of the start barrier: it prints
 * {@value #FRAME}{@code ready} when the worker is ready and reads the start from the run's go ConfigMap. Exits with the
 * worker's exit code, so a worker that fails fails its pod (and the Job: backoffLimit 0, never re-run).
 */
public final class PodInjector {
    /** Lines of the pod log that carry records start with this. */
    static final String FRAME = "@gauntlet ";
    /** The ConfigMap mount: {@value #WORKER_PROPERTIES}, traffic, simulation classes. */
    static final String ENV_INPUT = "GAUNTLET_INPUT";
    /** An emptyDir the worker writes its records to. */
    static final String ENV_WORK = "GAUNTLET_WORK";
    /** The name of the ConfigMap the coordinator creates with the start time. */
    static final String ENV_GO = "GAUNTLET_GO";
    static final String ENV_NAMESPACE = "GAUNTLET_NAMESPACE";
    static final String ENV_COUNT = "GAUNTLET_INJECTORS";
    /** Set by Kubernetes in every pod of an Indexed Job: 0 to N-1. */
    static final String ENV_INDEX = "JOB_COMPLETION_INDEX";
    /** The worker's simulation and system properties, one {@code -D…} a line after the simulation class. */
    static final String WORKER_PROPERTIES = "worker.args";
    /** The user's compiled simulation classes (the class-path folders of the gate), when they are not in the image. */
    static final String CLASSES_JAR = "classes.jar";
    /** The go ConfigMap's key: the start, epoch millis. */
    static final String START = "start";
    /** Files whose lines are handed back as they grow. */
    static final List<String> STREAMED = List.of(RunFiles.HISTOGRAMS, RunFiles.WRITES, RunFiles.SAMPLES);
    /** Files handed back whole (base64) when they change and at the end. */
    static final List<String> WHOLE = List.of(RunFiles.TIMELINE, RunFiles.WORKER_RESULT, RunFiles.TAP_SUMMARY);

    /** How long a pod stopped by Kubernetes keeps its log readable (well within the 30 s termination grace period; the gate polls every second). */
    static final long LINGER_MILLIS = 5_000;

    private final PrintStream log = System.out;
    private volatile boolean done;
    private final Map<String, Long> offsets = new LinkedHashMap<>();
    private final Map<String, Long> modified = new LinkedHashMap<>();

    private PodInjector() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(new PodInjector().run(System.getenv()));
    }

    private int run(Map<String, String> env) throws Exception {
        for (String name : List.of(ENV_INPUT, ENV_WORK, ENV_INDEX, ENV_COUNT, ENV_GO, ENV_NAMESPACE)) {
            if (env.get(name) == null) {
                System.err.println("PodInjector runs in an injector pod of load.injectors {on: kubernetes}, which the "
                        + "gate creates: " + name + " is not set");
                return 2;
            }
        }
        Path input = Path.of(env.get(ENV_INPUT));
        Path work = Path.of(env.get(ENV_WORK)).toAbsolutePath();
        int index = Integer.parseInt(env.get(ENV_INDEX)) + 1;
        int count = Integer.parseInt(env.get(ENV_COUNT));
        Files.createDirectories(work);
        List<String> args = Files.readAllLines(input.resolve(WORKER_PROPERTIES), StandardCharsets.UTF_8);
        if (Files.exists(input.resolve(RunFiles.TRAFFIC))) {
            Files.copy(input.resolve(RunFiles.TRAFFIC), work.resolve(RunFiles.TRAFFIC),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        String classpath = System.getProperty("java.class.path");
        if (Files.exists(input.resolve(CLASSES_JAR))) {
            classpath = input.resolve(CLASSES_JAR) + File.pathSeparator + classpath;
        }
        Path go = work.resolve(RunFiles.INJECTORS_GO);
        List<String> props = new ArrayList<>(args.subList(1, args.size()));
        props.addAll(List.of("-Dgauntlet.injector=" + index + "/" + count, "-Dgauntlet.go=" + go));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = LoadStage.command(props, args.get(0), work, java, classpath);
        Path workerLog = work.resolve(RunFiles.WORKER_LOG);
        Process worker = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(workerLog.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // SIGTERM: the pod is being deleted
            if (done) {
                return;
            }
            worker.destroy();
            try {
                worker.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            relay(work, workerLog);
            lingering();
        }));
        log.println("[gate] injector " + index + " of " + count + " started its load worker");
        boolean ready = false;
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            while (worker.isAlive()) {
                relay(work, workerLog);
                if (!ready && Files.exists(work.resolve(InjectorSlot.READY))) {
                    log.println(FRAME + "ready");
                    ready = true;
                }
                if (ready && !Files.exists(go)) {
                    ConfigMap start;
                    try {
                        start = client.configMaps().inNamespace(env.get(ENV_NAMESPACE)).withName(env.get(ENV_GO)).get();
                    } catch (KubernetesClientException e) { // asked again at the next poll; the gate gives up in time
                        log.println("[gate] injector " + index + ": cannot read the start yet: " + e.getMessage());
                        start = null;
                        Thread.sleep(1_000);
                    }
                    if (start != null && start.getData() != null && start.getData().containsKey(START)) {
                        Path tmp = work.resolve(RunFiles.INJECTORS_GO + ".tmp");
                        Files.writeString(tmp, start.getData().get(START), StandardCharsets.UTF_8);
                        Files.move(tmp, go, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Thread.sleep(200);
            }
        }
        relay(work, workerLog);
        done = true;
        int code = worker.exitValue();
        log.println(FRAME + "exit " + code);
        log.flush();
        return code;
    }

    /**
     * A pod stopped by Kubernetes (the Job failed when another injector did, the gate deleted it) stays a few seconds
     * more, within its termination grace period, so that the gate can still read its log: the records it kept.
     */
    private static void lingering() {
        try {
            Thread.sleep(LINGER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands back what the worker wrote since the last call: its log lines as they are, records framed. */
    private synchronized void relay(Path work, Path workerLog) {
        lines(workerLog, "", log::println);
        for (String file : STREAMED) {
            lines(work.resolve(file), file, line -> log.println(FRAME + file + " " + line));
        }
        for (String file : WHOLE) {
            Path p = work.resolve(file);
            try {
                long m = Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() + Files.size(p) : -1;
                if (m >= 0 && !Long.valueOf(m).equals(modified.get(file))) {
                    modified.put(file, m);
                    log.println(FRAME + file + " " + Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
                }
            } catch (IOException e) {
                // being replaced: read at the next call
            }
        }
        log.flush();
    }

    /** The complete lines of {@code file} added since the last call. */
    private void lines(Path file, String key, java.util.function.Consumer<String> to) {
        String k = key.isEmpty() ? file.toString() : key;
        long pos = offsets.getOrDefault(k, 0L);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() <= pos) {
                return;
            }
            f.seek(pos);
            byte[] buf = new byte[(int) Math.min(f.length() - pos, 8 << 20)];
            f.readFully(buf);
            int end = buf.length;
            while (end > 0 && buf[end - 1] != '\n') {
                end--;
            }
            if (end == 0) {
                return;
            }
            offsets.put(k, pos + end);
            for (String line : new String(buf, 0, end, StandardCharsets.UTF_8).split("\n")) {
                to.accept(line);
            }
        } catch (IOException notYet) {
            // not written yet
        }
    }

    /** Reads one injector's records back from its pod log into {@code dir}; returns the other lines (its log). */
    static List<String> unpack(String podLog, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, StringBuilder> streamed = new LinkedHashMap<>();
        List<String> plain = new ArrayList<>();
        for (String line : podLog.split("\n")) {
            if (!line.startsWith(FRAME)) {
                plain.add(line);
                continue;
            }
            String rest = line.substring(FRAME.length());
            int sp = rest.indexOf(' ');
            String file = sp < 0 ? rest : rest.substring(0, sp);
            String body = sp < 0 ? "" : rest.substring(sp + 1);
            if (STREAMED.contains(file)) {
                streamed.computeIfAbsent(file, f -> new StringBuilder()).append(body).append('\n');
            } else if (WHOLE.contains(file)) {
                Files.write(dir.resolve(file), Base64.getDecoder().decode(body));
            }
        }
        for (Map.Entry<String, StringBuilder> e : streamed.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        Files.write(dir.resolve(RunFiles.WORKER_LOG), plain, StandardCharsets.UTF_8);
        return plain;
    }

    /** The last {@code lines} lines of a pod log that are not records. */
    static List<String> plainTail(String podLog, int lines) {
        List<String> plain = java.util.Arrays.stream(podLog.split("\n")).filter(l -> !l.startsWith(FRAME)).toList();
        return plain.subList(Math.max(0, plain.size() - lines), plain.size());
    }

    /** {@code properties} as the worker's first lines: the simulation class, then one property a line. */
    static String workerArgs(String simulation, List<String> properties) {
        return simulation + "\n" + String.join("\n", properties) + "\n";
    }
}
