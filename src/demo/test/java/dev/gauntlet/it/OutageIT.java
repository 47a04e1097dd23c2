package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Payments outage (stop, then pause) in the middle of load on real processes: the reference system degrades and
 * recovers, and its readiness endpoint and Prometheus metrics tell the outage; without its timeouts and circuit
 * breaker it fails the gate, and with a readiness that always says UP and an error counter that never moves (seeded in
 * the same run, to spend no extra gate) the monitoring objectives fail too; with a replica whose health says UP
 * while it drains (refusing work), the failover objective fails in the same run. {@link ContainerGateIT} runs the same
 * checks on containers.
 */
class OutageIT {
    private static final String HOOKS = "\"--test-hooks\"]";
    /**
     * Outage phase of 20 s: Payments stopped 0–8 s, paused 17–25 s (5 s into recovery); one replica of the Orders API
     * (where there are replicas) stopped 2–6 s into the warmup.
     */
    private static final String[] SHORT = {"--set", "load.settings.warmup=8s", "--set", "load.settings.baselineDuration=8s",
        "--set", "load.settings.outageDuration=20s", "--set", "load.settings.recoveryDuration=15s"};

    private static String[] args(Path out, Path env) {
        List<String> a = new ArrayList<>(List.of("gate", "--env", env.toString(), "--out", out.toString()));
        a.addAll(List.of(SHORT));
        if (dev.gauntlet.config.GateSpecs.load(env, java.util.Map.of()).environment().services().stream()
                .anyMatch(s -> s.name().equals("orders-api#2"))) {
            // the replica stopped 2-6 s into the warmup is started again (a JVM start, 3-8 s on a busy 2-core box)
            // before the baseline is scored: 6 s more of warmup, only where there are replicas
            a.set(a.indexOf("load.settings.warmup=8s"), "load.settings.warmup=14s");
        }
        return a.toArray(String[]::new);
    }

    @Test
    void theReferenceSystemRidesOutAPaymentsOutageAndRecovers() throws Exception {
        ridesOutTheOutage(Path.of("environments/outage.yaml"), Path.of("target/it/outage"));
    }

    @Test
    void withoutTimeoutsAndCircuitBreakerTheOutageFailsTheGate() throws Exception {
        failsWithoutResilience(Path.of("environments/outage.yaml"), "outage-no-resilience");
    }

    /** The gate passes; both faults happened close to plan and the API recovered after each. */
    static void ridesOutTheOutage(Path env, Path out) throws Exception {
        GauntletProcess gate = GauntletProcess.start(args(out, env));
        assertEquals(0, gate.await(Duration.ofMinutes(5)), gate.output());
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode faults = r.get("faults");
        List<String> kinds = new ArrayList<>();
        faults.forEach(f -> kinds.add(f.get("service").asText() + " " + f.get("kind").asText()));
        // the database slows down while Payments is stopped (on containers too: ci-outage.yaml); locally a replica of
        // two is stopped during the warmup (containers run one replica)
        assertTrue(kinds.equals(List.of("payments stop", "orders-db latency", "payments pause"))
                || kinds.equals(List.of("orders-api#2 stop", "payments stop", "orders-db latency", "payments pause")),
                kinds.toString());
        for (JsonNode f : faults) {
            assertTrue(f.get("error").isNull() && f.get("end").isTextual(), f.toString());
            // a replica's graceful stop returns once it has drained (3 s, ORDERS_SHUTDOWN_DRAIN_MILLIS) and exited
            long drain = f.get("service").asText().contains("#") ? 3_000 : 0;
            assertTrue(Math.abs(f.get("onLateMillis").asLong()) < 2_000 + drain, "on-edge close to plan: " + f);
            assertTrue(f.at("/evidence/tookEffect").asBoolean(), "took effect: " + f);
        }
        long recoveries = 0;
        for (JsonNode o : r.get("objectives")) {
            if (o.get("kind").asText().equals("recovery")) {
                recoveries++;
                assertEquals("PASS", o.get("status").asText(), o.toString());
                if (o.get("name").asText().contains("orders-db")) { // it ends while Payments is still stopped
                    assertTrue(o.get("detail").asText().contains("after payments stop ended (it was still on when this "
                            + "fault ended: the two are recovered from together)"), o.toString());
                }
            }
        }
        assertEquals(faults.size(), recoveries, "one recovery result per fault");
        List<JsonNode> failover = byKind(r, "failover");
        if (kinds.contains("orders-api#2 stop")) { // the replica drains (/health 503, still serving) before it stops
            assertEquals(2, failover.size(), failover.toString());
            for (JsonNode o : failover) {
                assertEquals("PASS", o.get("status").asText(), o.toString());
            }
            assertTrue(failover.get(0).get("samples").asLong() >= 100, "judged on the load's answers: " + failover);
        }
        List<JsonNode> monitoring = byKind(r, "monitoring");
        assertEquals(2, monitoring.size(), "health and metrics: " + monitoring);
        for (JsonNode o : monitoring) {
            assertEquals("PASS", o.get("status").asText(), o.toString());
        }
        assertTrue(monitoring.get(0).get("detail").asText().contains("payments pause: not healthy"), monitoring.toString());
        assertTrue(monitoring.get(1).get("measured").asDouble() > 0, "the error counter moved: " + monitoring);
    }

    private static List<JsonNode> byKind(JsonNode report, String kind) {
        List<JsonNode> out = new ArrayList<>();
        report.get("objectives").forEach(o -> {
            if (o.get("kind").asText().equals(kind)) {
                out.add(o);
            }
        });
        return out;
    }

    /**
     * The same outage against the Orders API with --no-resilience fails on outage latency, budget or recovery; with
     * {@code health-always-up} and {@code metrics-frozen} seeded too, on the health and metrics objectives.
     */
    static void failsWithoutResilience(Path env, String name) throws Exception {
        Path fragile = GauntletProcess.variant(env, name, HOOKS, "\"--test-hooks\", \"--no-resilience\", "
                + "\"--defect\", \"health-always-up\", \"--defect\", \"metrics-frozen\", \"--defect\", \"health-up-while-draining\"]");
        Path out = Path.of("target/it", name);
        GauntletProcess gate = GauntletProcess.start(args(out, fragile));
        assertEquals(1, gate.await(Duration.ofMinutes(5)), gate.output());
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        List<String> failed = new ArrayList<>();
        for (JsonNode o : r.get("objectives")) {
            if (o.get("status").asText().equals("FAIL")) {
                failed.add(o.get("kind").asText() + ": " + o.get("name").asText());
            }
        }
        assertTrue(failed.stream().anyMatch(f -> f.startsWith("latency: orders degrade fast")
                        || f.startsWith("recovery") || f.startsWith("error-budget")),
                "the outage latency, error budget or recovery objective fails: " + failed);
        assertTrue(failed.contains("monitoring: health /ready tells the truth"), "readiness stayed UP: " + failed);
        assertTrue(failed.contains("monitoring: metric orders_payments_errors_total moves"), "the counter never moved: "
                + failed);
        String health = "";
        for (JsonNode o : r.get("objectives")) {
            if (o.get("name").asText().equals("health /ready tells the truth")) {
                health = o.get("detail").asText();
            }
        }
        assertTrue(health.contains("payments stop: reported healthy all the"), health);
        assertTrue(Files.exists(out.resolve("monitoring.json")), "the health answers and metric values are kept");
        // health-up-while-draining: the stopped replica answers 503 while draining, its /health still 200
        if (r.get("faults").toString().contains("orders-api#2")) {
            assertTrue(failed.stream().anyMatch(f -> f.startsWith("failover: failover: failed while orders-api#2 stop")),
                    "requests failed while the replica was lost: " + failed);
        }
    }
}
