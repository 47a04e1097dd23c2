package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.gauntlet.environment.Environment;
import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.environment.Readiness;
import dev.gauntlet.environment.ServiceControl;
import dev.gauntlet.environment.ServiceImage;
import dev.gauntlet.environment.ServiceSpec;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The gate on real containers ({@code environments/ci.yaml}: the reference system from the project jar on the local
 * JRE base image), through its CLI. Skipped, with the reason, when no Docker engine answers or the base image is
 * missing ({@code .ci/docker-setup.sh}, {@code .ci/base-image.sh}; {@code .ci/run} runs both). The outage's seeded
 * defects are caught by scoring, the same on every environment kind: {@link OutageIT} runs them on local processes.
 */
class ContainerGateIT {
    private static final Path CI = Path.of("environments/ci.yaml");
    private static final String BASE_IMAGE = "local/jre17:1";
    private static final String RUN_LABEL = "dev.gauntlet.run";
    private static final String[] SHORT = {"--set", "load.settings.warmup=8s", "--set", "load.settings.baselineDuration=12s",
        "--set", "load.settings.spikeDuration=8s", "--set", "load.settings.recoveryDuration=8s"};
    private static DockerClient docker;
    /** Why these tests cannot run here, or null. */
    private static String unavailable;

    @BeforeAll
    static void dockerEngineAndBaseImage() {
        try {
            docker = DockerClientFactory.instance().client();
            docker.inspectImageCmd(BASE_IMAGE).exec();
        } catch (NotFoundException e) {
            unavailable = "the base image " + BASE_IMAGE + " is missing: run .ci/base-image.sh";
        } catch (RuntimeException e) {
            unavailable = "no Docker engine answers (" + e.getMessage() + "): run .ci/docker-setup.sh, with "
                    + "TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 TESTCONTAINERS_CHECKS_DISABLE=true";
        }
    }

    /** Per test, so that every skipped test carries the reason in the report. */
    @BeforeEach
    void skippedWithoutDocker() {
        Assumptions.assumeTrue(unavailable == null, () -> unavailable);
    }

    private static List<Container> containersOf(long gatePid) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RUN_LABEL, Long.toString(gatePid))).exec();
    }

    private static String[] gate(Path out, Path env, String... more) {
        List<String> a = new ArrayList<>(List.of("gate", "--env", env.toString(), "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void theReferenceSystemPassesTheGateOnContainers() throws Exception {
        Path out = Path.of("target/it/containers-pass");
        GauntletProcess gate = GauntletProcess.start(gate(out, CI, SHORT));
        int exit = gate.await(Duration.ofMinutes(5));
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        BusyMachine.passedOrOnlyLatencyFailedWhileBusy(exit, r, gate.output());
        assertEquals("containers", r.at("/environment/kind").asText());
        assertEquals(0, r.at("/contracts/failed").asInt(), r.at("/contracts").toPrettyString());
        assertTrue(r.at("/load/requests").asLong() > 200, "the load really ran");
        assertEquals(0, r.at("/load/refusedConnections").size(), "nothing phones home");
        List<String> services = new ArrayList<>();
        r.at("/environment/services").forEach(s -> services.add(s.get("name").asText()));
        assertEquals(List.of("payments", "orders-db", "orders-api"), services, "orders in PostgreSQL, in a container");
        for (String service : services) {
            assertTrue(gate.output().contains(service + ": container "), gate.output());
            String log = Files.readString(out.resolve("services").resolve(service + ".log"));
            assertTrue(log.contains(service.equals("orders-db") ? "database system is ready to accept connections"
                    : service + " listening on http://127.0.0.1:"), "the container's output is in its log:\n" + log);
        }
        assertEquals(List.of(), containersOf(gate.process.pid()), "teardown removed the gate's containers");
    }

    @Test
    void aServiceThatCannotStartExits3WithItsContainerLogTail() throws Exception {
        Path env = GauntletProcess.variant(CI, "containers-no-start", "\"--port\", \"${port}\", \"--payments-url\"",
                "\"--port\", \"not-a-port\", \"--payments-url\"");
        Path out = Path.of("target/it/containers-no-start");
        GauntletProcess gate = GauntletProcess.start(gate(out, env));
        assertEquals(3, gate.await(Duration.ofMinutes(3)), gate.output());
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("environment", r.at("/aborted/stage").asText());
        String reason = r.at("/aborted/reason").asText();
        assertTrue(reason.contains("orders-api") && reason.contains("container stopped with exit code"), reason);
        assertTrue(gate.output().contains("last lines of orders-api's log"), gate.output());
        assertTrue(gate.output().contains("not-a-port"), "the log tail shows the service's own complaint:\n" + gate.output());
        assertEquals(List.of(), containersOf(gate.process.pid()), "the failed start removed its containers");
    }

    /** The outage, and the database in its container slowed down through the proxy: the orders are in PostgreSQL. */
    @Test
    void aPaymentsOutageOnContainersIsRiddenOutAndRecovered() throws Exception {
        Path out = Path.of("target/it/containers-outage");
        OutageIT.ridesOutTheOutage(Path.of("environments/ci-outage.yaml"), out);
        JsonNode database = new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/faults/1");
        assertEquals("orders-db", database.get("service").asText(), database.toPrettyString());
        assertTrue(database.at("/evidence/expected").asText().contains("connections to orders-db through the proxy")
                && database.at("/evidence/observed").asText().matches(".*[1-9][0-9]* chunk\\(s\\) on [1-9][0-9]* "
                + "connection\\(s\\) delayed.*"), "the Orders API's own queries were slowed: " + database.toPrettyString());
    }

    @Test
    void everyFaultKindTakesEffectOnContainersOrFailsTheGateSayingItCouldNot() throws Exception {
        FaultsIT.everyFaultKindTakesEffect(Path.of("environments/ci-outage.yaml"), "faults-containers");
    }

    @Test
    void theNextGateRemovesTheContainersOfAKilledGate() throws Exception {
        GauntletProcess killed = GauntletProcess.start(gate(Path.of("target/it/containers-killed"), CI,
                "--set", "contracts.enabled=false", "--set", "load.settings.warmup=60s",
                "--set", "load.settings.baselineDuration=60s"));
        killed.awaitOutput("[gate] load:", Duration.ofMinutes(3));
        Thread.sleep(2000);
        assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(killed.process.pid())).start().waitFor());
        killed.process.waitFor();
        assertEquals(3, containersOf(killed.process.pid()).size(), "kill -9 leaves the containers behind");

        GauntletProcess next = GauntletProcess.start(gate(Path.of("target/it/containers-after-kill"), CI,
                "--set", "load.enabled=false"));
        assertEquals(0, next.await(Duration.ofMinutes(3)), next.output());
        assertTrue(next.output().contains("left behind by gate " + killed.process.pid()), next.output());
        assertEquals(List.of(), containersOf(killed.process.pid()), "the next gate removed them");
        assertEquals(List.of(), containersOf(next.process.pid()));
    }

    /** What a request to the service's health URL gets: "200", or the exception's simple name. */
    private static String probe(URI url) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            return Integer.toString(http.send(HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(1))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void timed(String what, Runnable action, List<String> timings) {
        long t = System.nanoTime();
        action.run();
        timings.add(what + " " + (System.nanoTime() - t) / 1_000_000 + " ms");
    }

    @Test
    void faultsControlAContainerThroughTheDockerApi() throws Exception {
        ServiceSpec payments = new ServiceSpec("payments", List.of("dev.gauntlet.demo.Demo", "payments", "--port", "${port}"),
                "/health", Map.of(), true, List.of(), Duration.ofSeconds(60), new ServiceImage.ProjectJar(BASE_IMAGE));
        EnvironmentSpec spec = new EnvironmentSpec("control", EnvironmentSpec.CONTAINERS, List.of(payments));
        List<String> timings = new ArrayList<>();
        try (ChildProcesses processes = new ChildProcesses(Leftovers.shared());
             Environment env = Environment.start(spec, Path.of("target/it/containers-control"), processes, timings::add)) {
            URI url = env.underTest().url();
            ServiceControl c = env.control("payments");
            assertEquals("200", probe(url));
            timed("pause", c::pause, timings);
            assertEquals("HttpTimeoutException", probe(url), "a frozen service accepts but never answers");
            timed("unpause", c::resume, timings);
            assertEquals("200", probe(url));
            timed("stop", c::stop, timings);
            assertEquals("ConnectException", probe(url), "a stopped service refuses connections");
            timed("start until healthy", c::start, timings);
            assertEquals("200", probe(url), "started again on the same port");
            c.pause();
            timed("kill (paused)", c::kill, timings);
            assertEquals("ConnectException", probe(url));
            c.restart();
            assertEquals("200", probe(url));
            assertTrue(Files.readString(env.underTest().log()).contains("[gauntlet] docker kill"), "actions are in the service's log");
        }
        System.out.println("[containers] " + String.join(", ", timings));
        assertEquals(List.of(), containersOf(ProcessHandle.current().pid()), "closing the environment removed the container");
    }

    /**
     * Readiness without HTTP on containers: one service is ready when its port accepts a connection, one when a command
     * run inside its container ({@code docker exec}) exits 0; a caller reaches the first through the gate's TCP proxy.
     */
    @Test
    void containersReadyByPortOrCommandAndACallerThroughTheProxy() throws Exception {
        ServiceSpec db = new ServiceSpec("db", List.of("sh", "-c", "mkdir -p /w && echo db > /w/who"
                + " && exec httpd -f -p 127.0.0.1:${port} -h /w"), new Readiness.Port(), Map.of(), false, List.of(),
                Duration.ofSeconds(30), new ServiceImage.Named(BASE_IMAGE), List.of());
        ServiceSpec api = new ServiceSpec("api", List.of("sh", "-c", "mkdir -p /w && echo \"$DB\" > /w/db && sleep 1"
                + " && touch /w/ready && exec httpd -f -p 127.0.0.1:${port} -h /w"),
                new Readiness.Command(List.of("test", "-f", "/w/ready")), Map.of("DB", "${services.db.port}"), true,
                List.of("db"), Duration.ofSeconds(30), new ServiceImage.Named(BASE_IMAGE), List.of("db"));
        EnvironmentSpec spec = new EnvironmentSpec("readiness", EnvironmentSpec.CONTAINERS, List.of(db, api));
        try (ChildProcesses processes = new ChildProcesses(Leftovers.shared());
             Environment env = Environment.start(spec, Path.of("target/it/containers-readiness"), processes, line -> { })) {
            int proxy = env.proxy("db").port();
            HttpClient http = HttpClient.newHttpClient();
            String seen = http.send(HttpRequest.newBuilder(env.underTest().url().resolve("/db")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(Integer.toString(proxy), seen.strip(), "the caller was given the proxy's port");
            String through = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy + "/who")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("db", through.strip(), "the proxy reaches the container");
        }
    }

    @Test
    void anImageServiceGetsItsArgumentsAndEnvironmentWithPlaceholdersFilled() throws Exception {
        // busybox httpd from the base image serves a file written from an environment variable
        ServiceSpec web = new ServiceSpec("web", List.of("sh", "-c", "mkdir -p /w && echo \"$GREETING\" > /w/health"
                + " && exec httpd -f -p 127.0.0.1:${port} -h /w"), "/health", Map.of("GREETING", "hello from ${port}"),
                true, List.of(), Duration.ofSeconds(30), new ServiceImage.Named(BASE_IMAGE));
        EnvironmentSpec spec = new EnvironmentSpec("image", EnvironmentSpec.CONTAINERS, List.of(web));
        try (ChildProcesses processes = new ChildProcesses(Leftovers.shared());
             Environment env = Environment.start(spec, Path.of("target/it/containers-image"), processes, line -> { })) {
            URI url = env.underTest().url();
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("hello from " + url.getPort(), body.strip());
            assertEquals("127.0.0.1", url.getHost());
        }
    }
}
