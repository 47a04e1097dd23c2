package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Why a new IT: it is the only one that runs several load injectors (their merge, their start barrier, one of them
 * killed mid-spike) and a {@code kind: external} environment (an API the gate does not start, reached on a test
 * address of a network namespace this test creates, with the allow-list guard). Its gate runs are short (plans of
 * ~20 s) and shared between the assertions.
 */
class ExternalAndInjectorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A short spike plan and objectives the reference system meets at any injector count. The rates are modest and
     * an injector may fall 25 % below its share before a phase is judged on partial load: this machine is shared, and
     * a late second in a 6 s phase must not turn the verdict these runs compare.
     */
    private static final List<String> SHORT = List.of("--set", "contracts.enabled=false",
            "--set", "durability.enabled=false", "--set", "conformance.enabled=false",
            "--set", "load.settings.warmup=4s", "--set", "load.settings.baselineDuration=8s",
            "--set", "load.settings.baselineRate=20", "--set", "load.settings.spikeFactor=3",
            "--set", "load.settings.spikeDuration=6s", "--set", "load.settings.recoveryDuration=4s",
            "--set", "objectives=[{phase: baseline, latency: p95 < 1s}, {phase: baseline, throughput: '>= 80%'}]");

    private static JsonNode gate(String name, int injectors, int expectedExit) throws Exception {
        Path out = GauntletProcess.out(name);
        List<String> args = new ArrayList<>(List.of("gate", "--out", out.toString(), "--set",
                "load.injectors={count: " + injectors + ", tolerance: 25%}"));
        args.addAll(SHORT);
        GauntletProcess gate = GauntletProcess.start(args.toArray(String[]::new));
        assertEquals(expectedExit, gate.await(Duration.ofMinutes(3)), gate.output());
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    @Test
    void oneAndThreeInjectorsAgreeAndAKilledInjectorIsNeverAPass() throws Exception {
        JsonNode one = gate("injectors-1", 1, 0);
        JsonNode three = gate("injectors-3", 3, 0);
        assertEquals("PASS", one.get("verdict").asText(), one.get("reasons").toString());
        assertEquals(one.get("verdict").asText(), three.get("verdict").asText(), three.get("reasons").toString());

        JsonNode injectors = three.at("/load/injectors");
        assertEquals(3, injectors.size());
        long sum = 0;
        for (JsonNode i : injectors) {
            assertEquals("FINISHED", i.get("state").asText());
            sum += i.get("requests").asLong();
            assertTrue(i.get("startSkewMillis").asLong() >= 0);
        }
        assertEquals(three.at("/load/requests").asLong(), sum, "merged requests are the injectors' sum");
        for (int p = 0; p < 4; p++) {
            JsonNode phase = three.at("/load/phases/" + p);
            long phaseSum = 0;
            for (JsonNode i : injectors) {
                JsonNode rate = i.at("/phases/" + p);
                assertEquals(phase.get("name").asText(), rate.get("phase").asText());
                assertEquals(phase.get("offeredRps").asDouble() / 3, rate.get("offeredRps").asDouble(), 0.06,
                        "each injector offers a third of " + phase);
                phaseSum += rate.get("requests").asLong();
            }
            assertEquals(phase.get("requests").asLong(), phaseSum, "phase requests are the injectors' sum: " + phase);
            assertEquals(one.at("/load/phases/" + p + "/offeredRps").asDouble(), phase.get("offeredRps").asDouble(),
                    1e-9, "the same total rate");
        }

        killOneInjectorMidSpike();
    }

    private static void killOneInjectorMidSpike() throws Exception {
        Path out = GauntletProcess.out("injectors-killed");
        Files.deleteIfExists(out.resolve("load").resolve("timeline.json"));
        List<String> args = new ArrayList<>(List.of("gate", "--out", out.toString(), "--set",
                "load.injectors={count: 3, tolerance: 25%}"));
        args.addAll(SHORT);
        GauntletProcess gate = GauntletProcess.start(args.toArray(String[]::new));
        Path timeline = out.resolve("load").resolve("timeline.json");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.exists(timeline) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        JsonNode spike = JSON.readTree(timeline.toFile()).at("/timeline/windows/2");
        assertEquals("spike", spike.get("name").asText());
        long wait = spike.get("start").asLong() + 2_000 - System.currentTimeMillis();
        Thread.sleep(Math.max(0, wait));
        List<ProcessHandle> children = gate.process.descendants().toList();
        ProcessHandle second = children.stream().filter(p -> p.info().arguments().map(a -> String.join(" ", a)
                .contains("-Dgauntlet.injector=2/3")).orElse(false)).findFirst().orElseThrow();
        second.destroyForcibly(); // SIGKILL
        assertEquals(1, gate.await(Duration.ofMinutes(2)), gate.output());
        Thread.sleep(500);
        assertEquals(List.of(), children.stream().filter(ProcessHandle::isAlive).toList(), "nothing left running");
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals("FAIL", r.get("verdict").asText());
        String reasons = r.get("reasons").toString();
        assertTrue(reasons.contains("injector 2 of 3 stopped at") && reasons.contains("in spike")
                && reasons.contains("killed by signal 9") && reasons.contains("33 % of the offered load"), reasons);
        assertEquals("DIED", r.at("/load/injectors/1/state").asText());
        assertEquals("STOPPED", r.at("/load/injectors/0/state").asText());
    }

    /**
     * An API already deployed, on 10.200.7.2 in a namespace of this test's own (a veth pair 10.200.7.1/30 –
     * 10.200.7.2/30, created and deleted here): listed in targets it is gated (contracts, load from two injectors,
     * objectives); the test's end of the pair, 10.200.7.1, is not listed and the load's attempts at it are refused and
     * reported; a service URL on an unlisted host is refused before anything runs.
     */
    @Test
    void aDeployedApiOnAListedTargetIsGatedAndAnUnlistedHostIsRefused() throws Exception {
        String ns = "gtx" + ProcessHandle.current().pid() % 100_000;
        String veth = ns + "a";
        assumeNetworkNamespaces(ns);
        List<Process> inside = new ArrayList<>();
        try {
            sh("ip link add " + veth + " type veth peer name " + ns + "b",
                    "ip link set " + ns + "b netns " + ns,
                    "ip addr add 10.200.7.1/30 dev " + veth, "ip link set " + veth + " up",
                    "ip netns exec " + ns + " ip addr add 10.200.7.2/30 dev " + ns + "b",
                    "ip netns exec " + ns + " ip link set " + ns + "b up",
                    "ip netns exec " + ns + " ip link set lo up");
            String jar = GauntletProcess.JAR.toAbsolutePath().toString();
            Path logs = GauntletProcess.out("external-services");
            Files.createDirectories(logs);
            inside.add(inNamespace(ns, logs.resolve("payments.log"), "-cp", jar, "dev.gauntlet.demo.Demo", "payments",
                    "--port", "18081"));
            inside.add(inNamespace(ns, logs.resolve("orders-api.log"), "-cp", jar,
                    "-Dsun.net.httpserver.nodelay=true", "dev.gauntlet.demo.Demo", "orders-api", "--port", "18080",
                    "--payments-url", "http://127.0.0.1:18081", "--test-hooks"));
            inside.add(inNamespace(ns, logs.resolve("forward.log"), "-cp", testClasses().toString(),
                    TcpForward.class.getName(), "10.200.7.2", "8080", "127.0.0.1", "18080"));
            awaitHealthy(URI.create("http://10.200.7.2:8080/health"), logs);

            Path env = GauntletProcess.out("external").resolveSibling("external.yaml");
            Files.writeString(env, """
                    name: staging
                    kind: external
                    targets: [10.200.7.2]
                    services:
                      orders-api: {url: "http://10.200.7.2:8080", health: /health, underTest: true, startTimeout: 30s}
                    contracts:
                      folder: %s
                      stateChangePath: /_gauntlet/provider-state
                    security: {enabled: false}
                    load:
                      simulation: %s
                      injectors: 2
                      settings: {strayUrl: "http://10.200.7.1:9/collect"}
                    objectives:
                      - {phase: baseline, latency: p95 < 1s}
                    """.formatted(GauntletProcess.JAR.toAbsolutePath().getParent().getParent().resolve("contracts"),
                    StrayHostSimulation.class.getName()));

            Process refused = gauntlet(env, GauntletProcess.out("external-refused"), "--dry-run", "--set",
                    "targets=[10.200.7.9]");
            String refusal = new String(refused.getInputStream().readAllBytes());
            assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, refused.exitValue(), refusal);
            assertTrue(refusal.contains("host 10.200.7.2 is not in targets"), refusal);

            Path out = GauntletProcess.out("external");
            Process gate = gauntlet(env, out);
            String log = new String(gate.getInputStream().readAllBytes());
            assertTrue(gate.waitFor(3, TimeUnit.MINUTES), log);
            JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
            assertEquals("external", r.at("/environment/kind").asText(), log);
            assertTrue(r.at("/contracts/passed").asInt() > 0, "contracts verified against the deployed API: "
                    + r.get("contracts"));
            assertEquals(0, r.at("/contracts/failed").asInt(), r.get("reasons").toString());
            assertEquals(2, r.at("/load/injectors").size());
            assertTrue(r.at("/load/requests").asLong() > 100, "the listed target was loaded: " + r.get("load"));
            List<String> hosts = new ArrayList<>();
            r.at("/load/refusedConnections").forEach(n -> hosts.add(n.asText()));
            assertEquals(List.of("10.200.7.1:9"), hosts, "the unlisted host, refused and reported; not the target");
            assertEquals("FAIL", r.get("verdict").asText());
            assertTrue(r.get("reasons").toString().contains("hosts other than loopback"), r.get("reasons").toString());
            assertNotEquals(0, gate.exitValue());
        } finally {
            inside.forEach(Process::destroyForcibly);
            for (Process p : inside) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
            sh("ip netns del " + ns, "ip link del " + veth + " 2>/dev/null || true");
        }
    }

    private static Process gauntlet(Path env, Path out, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(GauntletProcess.java(), "-cp",
                GauntletProcess.JAR.toAbsolutePath() + File.pathSeparator + testClasses(),
                "dev.gauntlet.cli.Gauntlet", "gate", "--env", env.toString(), "--out", out.toString()));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static Process inNamespace(String ns, Path log, String... javaArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, GauntletProcess.java()));
        cmd.addAll(List.of(javaArgs));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitHealthy(URI health, Path logs) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the API in the namespace did not answer " + health + ": "
                + Files.readString(logs.resolve("orders-api.log")));
    }

    private static Path testClasses() throws Exception {
        return Path.of(ExternalAndInjectorsIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Root and iproute2's {@code ip netns}; anywhere else this test cannot make its own network. */
    private static void assumeNetworkNamespaces(String ns) throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("ip", "netns", "add", ns).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no ip command here: " + e.getMessage());
            return;
        }
        boolean done = probe.waitFor(20, TimeUnit.SECONDS);
        String why = new String(probe.getInputStream().readAllBytes());
        Assumptions.assumeTrue(done && probe.exitValue() == 0, "cannot create a network namespace here (needs root "
                + "and ip netns): " + why);
    }

    private static void sh(String... commands) throws Exception {
        for (String c : commands) {
            Process p = new ProcessBuilder("sh", "-c", c).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(c + ": " + output);
            }
        }
    }
}
