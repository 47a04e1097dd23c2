package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gauntlet.kube.ImageClasspath;
import dev.gauntlet.kube.KubeletStandIn;
import dev.gauntlet.load.InjectorRun;
import dev.gauntlet.load.Injectors;
import dev.gauntlet.load.KubernetesSpec;
import dev.gauntlet.load.LoadException;
import dev.gauntlet.load.LoadPlan;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.load.LoadStage;
import dev.gauntlet.load.Phase;
import dev.gauntlet.load.TapSpec;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import dev.gauntlet.process.Workspace;
import dev.gauntlet.slo.Status;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load.injectors: {on: kubernetes}} end to end without a cluster (none can run here): fabric8's mock API server
 * in CRUD mode with {@link KubeletStandIn} playing the Job controller and the kubelet, each pod's container command
 * run as a local process against a loopback stub. The gate creates the Job and its ConfigMaps, the pods get their
 * inputs (the simulation only through the ConfigMap: the stand-in's image has no test classes), meet at the start
 * barrier, hand their records back on their logs, and the merge and the injector checks judge them.
 */
class KubernetesInjectorsTest {
    private static final String SIMULATION = "dev.gauntlet.preflight.ItemsSimulation";

    @TempDir
    Path dir;
    private HttpServer stub;
    private final AtomicLong served = new AtomicLong();
    private final List<String> console = new CopyOnWriteArrayList<>();

    @BeforeEach
    void stub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            served.incrementAndGet();
            byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    private URI target() {
        return URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    }

    private static LoadSpec spec(int count, Path kubeconfig, Duration baseline) {
        KubernetesSpec k = new KubernetesSpec(null, "gauntlet-injector:test", "Never", null,
                Map.of("cpu", "500m", "memory", "1536Mi"), Map.of("memory", "2Gi"), Map.of("pool", "load"),
                List.of(new KubernetesSpec.Toleration("dedicated", "Equal", "load", "NoSchedule", null)),
                Duration.ofMinutes(10), kubeconfig, null);
        LoadPlan plan = LoadPlan.of(List.of(new Phase("baseline", true, 20, 20, baseline)));
        return new LoadSpec(true, SIMULATION, null, Map.of(), plan, Map.of(), Duration.ofMinutes(3),
                new Injectors(count, Injectors.KUBERNETES, 0.25, k));
    }

    /** The gate's side: its class path holds the test classes (where the simulation is compiled). */
    private static ChildProcesses processes() {
        return new ChildProcesses(Leftovers.shared(), new Workspace(Path.of(""), Workspace.current().java(),
                List.of(Path.of("src/harness/target/test-classes"))));
    }

    private static List<Reason> checks(LoadResults r) {
        List<Reason> checks = new ArrayList<>();
        InjectorViews.checks(r.injectors(), checks);
        return checks;
    }

    private static void assertNothingLeft(KubeletStandIn kube) throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000; // a stopped pod lingers 5 s for its log to be read
        while (!kube.running().isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertTrue(kube.client().batch().v1().jobs().inNamespace("load").list().getItems().isEmpty(), "Job deleted");
        assertTrue(kube.client().pods().inNamespace("load").list().getItems().isEmpty(), "pods deleted");
        assertTrue(kube.client().configMaps().inNamespace("load").list().getItems().isEmpty(), "ConfigMaps deleted");
        assertEquals(List.of(), kube.running(), "no container left running");
    }

    @Test
    void twoPodsRunTheirSharesAndTheMergeIsWhatTheApiServed() throws Exception {
        try (KubeletStandIn kube = new KubeletStandIn(dir.resolve("kube"), ImageClasspath.of())) {
            twoPodsMerged(kube);
        }
    }

    /**
     * The same from the real injector image ({@code -Pinjector-image}) on the local Docker engine, host networking:
     * opt-in, {@code -Dgauntlet.injectorImage=gauntlet-injector:latest} (the default build makes no image).
     */
    @Test
    void twoPodsFromTheInjectorImage() throws Exception {
        String image = System.getProperty("gauntlet.injectorImage", "");
        Assumptions.assumeFalse(image.isBlank(), "set -Dgauntlet.injectorImage=IMAGE to run the pods from an image");
        try (KubeletStandIn kube = KubeletStandIn.withImage(dir.resolve("kube"), image)) {
            twoPodsMerged(kube);
        } catch (AssertionError e) {
            try (var logs = java.nio.file.Files.walk(dir)) { // what the containers said, for the one who reads this
                logs.filter(f -> f.getFileName().toString().endsWith(".log")).forEach(f -> {
                    try {
                        List<String> lines = java.nio.file.Files.readAllLines(f);
                        System.err.println("--- " + f + "\n" + String.join("\n",
                                lines.subList(Math.max(0, lines.size() - 40), lines.size())));
                    } catch (IOException ignored) {
                        // a log being rotated
                    }
                });
            }
            throw e;
        }
    }

    private void twoPodsMerged(KubeletStandIn kube) throws Exception {
        try (ChildProcesses processes = processes()) {
            LoadResults r = LoadStage.run(spec(2, kube.kubeconfig("load"), Duration.ofSeconds(6)), target(),
                    List.of(), dir.resolve("run"), processes, console::add, TapSpec.OFF);

            Job job = kube.jobs().get(0);
            assertEquals("load", job.getMetadata().getNamespace(), "the kubeconfig context's namespace");
            assertEquals("Indexed", job.getSpec().getCompletionMode());
            assertEquals(2, job.getSpec().getParallelism());
            assertEquals(2, job.getSpec().getCompletions());
            assertEquals(0, job.getSpec().getBackoffLimit());
            assertEquals(6 + 120 + 180, job.getSpec().getActiveDeadlineSeconds(), "plan + 2 min + 3 min to start");
            assertEquals(600, job.getSpec().getTtlSecondsAfterFinished());

            assertEquals(2, r.injectors().size());
            for (InjectorRun i : r.injectors()) {
                assertEquals(InjectorRun.State.FINISHED, i.state(), i.name() + ": " + i.detail());
                assertTrue(i.requests() > 0, i.name() + " sent its share");
            }
            long sum = r.injectors().stream().mapToLong(InjectorRun::requests).sum();
            long merged = r.count(c -> true);
            assertEquals(sum, merged, "merged requests are the pods' sum");
            assertEquals(served.get(), merged, "every request the API answered came back in a pod's records");
            assertTrue(merged >= 60, "about 20/s for 6 s, got " + merged);
            checks(r).forEach(c -> assertEquals(Status.PASS, c.status(), c.message()));
            assertTrue(console.stream().anyMatch(l -> l.contains("2 injector pods ready")), console.toString());
            assertNothingLeft(kube);
        }
    }

    @Test
    void aPodKilledMidLoadFailsTheVerdictAndStopsTheOther() throws Exception {
        try (KubeletStandIn kube = new KubeletStandIn(dir.resolve("kube"), ImageClasspath.of());
             ChildProcesses processes = processes()) {
            Thread killer = new Thread(() -> {
                try {
                    while (true) {
                        String pod = kube.podOf(1);
                        if (pod != null && kube.logOf(pod).split("@gauntlet histograms.hlog", -1).length > 12) {
                            kube.kill(pod); // SIGKILL a few seconds into the load, as an OOM kill would
                            return;
                        }
                        Thread.sleep(100);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.setDaemon(true);
            killer.start();
            LoadResults r = LoadStage.run(spec(2, kube.kubeconfig("load"), Duration.ofSeconds(30)), target(),
                    List.of(), dir.resolve("run"), processes, console::add, TapSpec.OFF);
            killer.interrupt();

            InjectorRun killed = r.injectors().get(1);
            assertEquals(InjectorRun.State.DIED, killed.state());
            assertTrue(killed.detail().contains("exit 137, killed by signal 9"), killed.detail());
            assertEquals(InjectorRun.State.STOPPED, r.injectors().get(0).state());
            assertTrue(r.injectors().get(0).detail().matches("stopped by (the gate|Kubernetes: the Job failed with "
                    + "injector 2) .*|stopped by the gate: injector 2 failed"), r.injectors().get(0).detail());
            List<Reason> checks = checks(r);
            assertEquals(Status.FAIL, checks.get(1).status());
            assertTrue(checks.get(1).message().startsWith("injector 2 of 2 stopped at"), checks.get(1).message());
            assertNotEquals(Status.PASS, checks.get(0).status());
            assertTrue(r.injectors().get(0).requests() > 0, "what the stopped pod recorded is kept");
            assertNothingLeft(kube);
        }
    }

    @Test
    void theGatesTeardownDeletesTheJobItsPodsAndConfigMaps() throws Exception {
        try (KubeletStandIn kube = new KubeletStandIn(dir.resolve("kube"), ImageClasspath.of())) {
            ChildProcesses processes = processes();
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread load = new Thread(() -> {
                try {
                    LoadStage.run(spec(2, kube.kubeconfig("load"), Duration.ofSeconds(60)), target(), List.of(),
                            dir.resolve("run"), processes, console::add, TapSpec.OFF);
                } catch (Throwable t) {
                    ended.set(t);
                }
            });
            load.start();
            long until = System.currentTimeMillis() + 30_000;
            while (kube.running().size() < 2 && System.currentTimeMillis() < until) {
                Thread.sleep(100);
            }
            assertEquals(2, kube.running().size(), "both pods started");
            processes.close(); // what Ctrl-C and an abort run: the gate's teardown
            assertNothingLeft(kube);
            load.join(30_000);
            assertTrue(ended.get() instanceof LoadException, "the load stage ends with an error, got " + ended.get());
        }
    }
}
