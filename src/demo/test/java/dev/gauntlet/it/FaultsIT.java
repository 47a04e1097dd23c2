package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.gauntlet.config.GateSpecs;
import org.junit.jupiter.api.Test;

/**
 * Every fault kind under load, each in a phase of its own, on real processes; {@link ContainerGateIT} runs the same
 * on containers. The report's evidence must show that each fault on Payments took effect (Payments' request journal,
 * probes through the faulted path) and the latency fault must show in the Orders API too (its POST /orders waits
 * for its 300 ms Payments timeout). One fault cannot take effect — an HTTP fault on the Orders API, which is no
 * WireMock — and the gate fails saying so. The Orders API reaches Payments through the gate's TCP proxy, and each
 * network fault (latency, bandwidth, reset, blackhole, down) must show in what the proxy counted. Where the Orders
 * API runs as two replicas behind HAProxy (outage.yaml), one replica is paused, cut off the network and killed under
 * load, and each of those must take effect too.
 */
class FaultsIT {
    /** Phases of seconds: about 70 s of load. */
    private static final String FAULTS = """
            load:
              plan:
                - {phase: warmup, rate: 20/s, duration: 4s}
                - {phase: baseline, rate: 20/s, duration: 4s}
                - {phase: network, rate: 20/s, duration: 9s}  # few failures: Payments' circuit breaker stays closed
                - {phase: calm, rate: 20/s, duration: 6s}     # the breaker, opened by down, closes again (5 s)
                - {phase: latency, rate: 20/s, duration: 3s}
                - {phase: errors, rate: 20/s, duration: 3s}
                - {phase: reset, rate: 20/s, duration: 3s}
                - {phase: malformed, rate: 20/s, duration: 3s}
                - {phase: stop, rate: 20/s, duration: 7s}     # the start after it takes seconds
                - {phase: pause, rate: 20/s, duration: 4s}
                - {phase: kill, rate: 20/s, duration: 7s}
                - {phase: restart, rate: 20/s, duration: 6s}
                - {phase: recovery, rate: 20/s, duration: 6s}
            faults:
              - {service: orders-api, kind: latency, latency: 1s, phase: baseline, at: 1s, duration: 1s}
              - {service: payments, kind: latency, latency: 1s, phase: latency, duration: 2s}
              - {service: payments, kind: errors, status: 503, fraction: 50%, phase: errors, duration: 2s}
              - {service: payments, kind: reset, phase: reset, duration: 2s}
              - {service: payments, kind: malformed, phase: malformed, duration: 2s}
              - {service: payments, kind: stop, phase: stop, duration: 2s}
              - {service: payments, kind: pause, phase: pause, duration: 2s}
              - {service: payments, kind: kill, phase: kill, duration: 2s}
              - {service: payments, kind: restart, phase: restart}
              - {service: payments, through: proxy, kind: latency, latency: 150ms, jitter: 50ms, phase: network, at: 1s, duration: 1200ms}
              - {service: payments, kind: bandwidth, rate: 16KB/s, phase: network, at: 2500ms, duration: 1200ms}
              - {service: payments, through: proxy, kind: reset, fraction: 50%, phase: network, at: 4s, duration: 1200ms}
              - {service: payments, kind: blackhole, phase: network, at: 5500ms, duration: 1200ms}
              - {service: payments, kind: down, phase: network, at: 7s, duration: 1200ms}
            objectives:
              - {name: orders at baseline, phase: baseline, operation: POST /orders, latency: p99 < 250ms}
              - {name: orders wait for slow payments, phase: latency, operation: POST /orders, latency: p99 < 250ms}
              - {recovery: < 10s}
            """;

    /** What each fault's evidence must say it observed. */
    private static final Map<String, String> OBSERVED = Map.of(
            "latency", "requests to payments delayed >= 1000 ms",
            "errors", "answered 503",
            "reset", "failed as injected",
            "malformed", "failed as injected",
            "stop", "refused at +",
            "pause", "unanswered for",
            "kill", "refused at +",
            "restart", " replaced by ");

    /** What each network fault's evidence must say it observed (the gate's TCP proxy counts). */
    private static final List<String> NETWORK_OBSERVED = List.of("connection(s) delayed 1", "bytes on",
            "connection(s) reset", "connection(s) held", "connect to 127.0.0.1:");

    /** A phase that takes one replica away three ways, added where the Orders API has replicas. */
    private static final String REPLICA_PHASE = "    - {phase: replica, rate: 20/s, duration: 9s}\n";
    private static final String REPLICA_FAULTS = """
              - {service: "orders-api#2", kind: pause, phase: replica, duration: 1500ms}
              - {service: "orders-api#1", kind: down, phase: replica, at: 2500ms, duration: 1500ms}
              - {service: "orders-api#2", kind: kill, phase: replica, at: 5s, duration: 1s}
            """;
    /** What each replica fault's evidence must say it observed. */
    private static final List<String> REPLICA_OBSERVED = List.of("unanswered for", "connect to 127.0.0.1:", "refused at +");

    @Test
    void everyFaultKindTakesEffectOnLocalProcessesOrFailsTheGateSayingItCouldNot() throws Exception {
        everyFaultKindTakesEffect(Path.of("environments/outage.yaml"), "faults-local");
    }

    /** Runs the gate with every fault kind on an environment made from {@code base} (local or containers). */
    static void everyFaultKindTakesEffect(Path base, String name) throws Exception {
        Path env = environment(base, name);
        Path out = GauntletProcess.out(name);
        long t0 = System.nanoTime();
        GauntletProcess gate = GauntletProcess.start("gate", "--env", env.toString(), "--out", out.toString());
        assertEquals(1, gate.await(Duration.ofMinutes(4)), gate.output());
        System.out.printf("[faults] %s: gate ran %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());

        JsonNode faults = r.get("faults");
        boolean replicas = replicas(base);
        assertEquals(replicas ? 17 : 14, faults.size(), faults.toPrettyString());
        List<String> kinds = new ArrayList<>();
        List<String> network = new ArrayList<>();
        List<String> replica = new ArrayList<>();
        for (JsonNode f : faults) {
            JsonNode evidence = f.get("evidence");
            if (f.get("phase").asText().equals("replica")) { // one replica of two taken away: proven like any fault
                String observed = REPLICA_OBSERVED.get(replica.size());
                replica.add(f.get("service").asText() + " " + f.get("kind").asText());
                assertTrue(f.get("error").isNull() && evidence.get("tookEffect").asBoolean(), f.toPrettyString());
                assertTrue(evidence.get("observed").asText().contains(observed), observed + ": " + f.toPrettyString());
                continue;
            }
            if (f.get("phase").asText().equals("network")) {
                String observed = NETWORK_OBSERVED.get(network.size());
                network.add(f.get("kind").asText());
                assertTrue(evidence.get("tookEffect").asBoolean(), "took effect: " + f.toPrettyString());
                assertTrue(evidence.get("expected").asText().contains("connections to payments through the proxy"),
                        f.toPrettyString());
                assertTrue(evidence.get("observed").asText().contains(observed), observed + ": " + f.toPrettyString());
                continue;
            }
            assertTrue(evidence.isObject(), "every fault that was switched on carries evidence: " + f);
            if (f.get("service").asText().equals("orders-api")) {
                assertEquals(false, evidence.get("tookEffect").asBoolean(), f.toPrettyString());
                assertTrue(f.get("error").asText().startsWith("could not apply: "), f.toPrettyString());
                continue;
            }
            String kind = f.get("kind").asText();
            kinds.add(kind);
            assertTrue(f.get("error").isNull(), f.toPrettyString());
            assertTrue(evidence.get("tookEffect").asBoolean(), kind + " took effect: " + f.toPrettyString());
            assertTrue(evidence.get("observed").asText().contains(OBSERVED.get(kind)), f.toPrettyString());
        }
        assertEquals(List.of("latency", "errors", "reset", "malformed", "stop", "pause", "kill", "restart"), kinds);
        assertEquals(List.of("latency", "bandwidth", "reset", "blackhole", "down"), network);
        assertEquals(replicas ? List.of("orders-api#2 pause", "orders-api#1 down", "orders-api#2 kill") : List.of(), replica);
        String latency = faults.get(6).at("/evidence/observed").asText();
        assertTrue(latency.matches(".*; [1-9][0-9]* of [1-9][0-9]* requests to payments delayed >= 1000 ms \\(WireMock journal\\).*"),
                "the Orders API's charges during the fault are in Payments' journal, each delayed: " + latency);

        List<String> couldNot = new ArrayList<>();
        r.get("reasons").forEach(reason -> {
            if (reason.asText().startsWith("fault could not be applied:")) {
                couldNot.add(reason.asText());
            }
        });
        assertEquals(1, couldNot.size(), r.get("reasons").toPrettyString());
        assertTrue(couldNot.get(0).startsWith("fault could not be applied: latency on orders-api: expected requests to "
                + "orders-api delayed >= 1000 ms; observed the action failed: WireMock admin API"), couldNot.get(0));
        assertTrue(couldNot.get(0).contains("HTTP faults need a WireMock service"), couldNot.get(0));

        double baseline = objective(r, "orders at baseline").get("measured").asDouble();
        double slow = objective(r, "orders wait for slow payments").get("measured").asDouble();
        assertTrue(slow >= 290 && slow > baseline, "POST /orders waits for its 300 ms Payments timeout while Payments "
                + "is delayed by 1 s: p99 " + slow + " ms, baseline p99 " + baseline + " ms");

        JsonNode afterLatency = last(r, "recovery after payments latency"); // the network latency's comes first
        assertEquals("WARN", afterLatency.get("status").asText(), afterLatency.toPrettyString());
        assertTrue(afterLatency.get("detail").asText().contains("payments errors began"), afterLatency.toPrettyString());

        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<th>took effect</th>") && html.contains("requests to payments delayed &gt;= 1000 ms"), "HTML");
        assertTrue(gate.output().contains("[faults] payments latency took effect: probe at +"), gate.output());
    }

    private static JsonNode objective(JsonNode report, String name) {
        for (JsonNode o : report.get("objectives")) {
            if (o.get("name").asText().equals(name)) {
                return o;
            }
        }
        throw new AssertionError("no objective '" + name + "' in " + report.get("objectives").toPrettyString());
    }

    private static JsonNode last(JsonNode report, String name) {
        JsonNode found = null;
        for (JsonNode o : report.get("objectives")) {
            if (o.get("name").asText().equals(name)) {
                found = o;
            }
        }
        if (found == null) {
            throw new AssertionError("no objective '" + name + "' in " + report.get("objectives").toPrettyString());
        }
        return found;
    }

    /** Whether the Orders API of {@code base} runs as replicas behind a balancer. */
    private static boolean replicas(Path base) {
        return GateSpecs.load(base, Map.of()).environment().services().stream()
                .anyMatch(s -> s.name().equals("orders-api#2"));
    }

    /** The environments folder copied to {@code target/it/env-NAME/} with {@code faults.yaml} extending {@code base}. */
    private static Path environment(Path base, String name) throws IOException {
        Path dir = Path.of("target", "it", "env-" + name);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(base.toAbsolutePath().getParent())) {
            for (Path yaml : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(yaml, dir.resolve(yaml.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path env = dir.resolve("faults.yaml");
        // the Orders API reaches Payments (and, where it has one, its database) through the gate's TCP proxy
        boolean database = GateSpecs.load(base, Map.of()).environment().services().stream()
                .anyMatch(s -> s.name().equals("orders-db"));
        String faults = replicas(base) ? FAULTS.replace("    - {phase: recovery,", REPLICA_PHASE
                + "    - {phase: recovery,").replace("objectives:\n", REPLICA_FAULTS + "objectives:\n") : FAULTS;
        Files.writeString(env, "extends: " + base.getFileName() + "\nname: " + name + "\n" + faults
                + "services:\n  orders-api:\n    dependsOn: [{service: payments, through: proxy}"
                + (database ? ", {service: orders-db, through: proxy}" : "") + "]\n");
        return env;
    }
}
