package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The gate end to end through its CLI, on real processes: the reference system and seeded defects. The tests tagged
 * {@value #EVERY_JDK} run again with the gate, its services and load worker on the newest LTS ({@link GateOnJdk25IT}):
 * a whole clean run and the two ways a run ends early; what a seeded defect fails is scoring, the same bytes on every
 * JDK.
 */
class GateIT {
    /** The tag of the tests the newest LTS runs too. */
    static final String EVERY_JDK = "every-jdk";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A short but real load: CI runs the plan short, nightly long. The warm-up ends when latency settles and the
     * recovery when its objectives are decided (at most 12 s), as the shipped file's do.
     */
    private static final String[] SHORT = {"--set", "load.settings.warmup=4s..12s", "--set",
        "load.settings.baselineDuration=12s", "--set", "load.settings.spikeDuration=8s", "--set",
        "load.settings.recoveryDuration=6s..12s"};
    private static final String HOOKS = "\"--test-hooks\"]";

    private static JsonNode report(Path runDir) throws Exception {
        return JSON.readTree(runDir.resolve("report.json").toFile());
    }

    private static String[] args(Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("gate", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    @Tag(EVERY_JDK)
    void theReferenceSystemPassesTheGate() throws Exception {
        Path out = GauntletProcess.out("pass");
        List<String> a = new java.util.ArrayList<>(List.of(args(out)));
        a.addAll(List.of(SHORT));
        GauntletProcess gate = GauntletProcess.start(a.toArray(String[]::new));
        int code = gate.await(Duration.ofMinutes(4));
        JsonNode r = report(out);
        BusyMachine.passedOrOnlyLatencyFailedWhileBusy(code, r, gate.output());
        assertEquals("local", r.at("/environment/name").asText());
        assertTrue(r.at("/contracts/interactions").asInt() >= 3, "at least products, create order, get order");
        assertEquals(0, r.at("/contracts/failed").asInt());
        java.util.Set<String> kinds = new java.util.HashSet<>();
        for (JsonNode o : r.get("objectives")) {
            assertTrue(o.has("name") && o.has("kind") && o.has("phase") && o.has("status") && o.has("measured")
                    && o.has("threshold") && o.has("unit") && o.has("margin") && o.has("comparator"), o.toString());
            kinds.add(o.get("kind").asText());
        }
        assertEquals(java.util.Set.of("latency", "throughput", "error-budget", "rate-limit", "conformance", "durability",
                "security", "caching"), kinds);
        JsonNode spike = phase(r, "spike");
        assertTrue(spike.get("rateLimited").asLong() > 0, "the spike is answered 429: " + spike);
        assertEquals(0, spike.get("errors").asLong(), "no 5xx and no timeouts in the spike: " + spike);
        for (String name : List.of("warmup", "baseline", "spike", "recovery")) {
            JsonNode p = phase(r, name);
            assertTrue(p.get("offeredRps").asDouble() > 0 && p.get("achievedRps").asDouble() > 0
                    && p.has("start") && p.has("end"), p.toString());
        }
        phasesEndedAsDecided(r, gate.output());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<svg") && html.contains("spike") && !html.contains("<script"), "self-contained HTML report");
        assertTrue(r.at("/load/requests").asLong() > 200, "the load really ran");
        assertEquals(0, r.at("/load/refusedConnections").size(), "nothing phones home: " + r.at("/load/refusedConnections"));
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("<testcase classname=\"gauntlet.local.contracts.storefront\""), junit);
        assertTrue(junit.contains("classname=\"gauntlet.local.objectives.baseline\""), junit);
        assertTrue(gate.output().contains("VERDICT"), gate.output());
        assertTrue(Files.exists(Path.of(r.at("/load/gatlingReport").asText())), "Gatling's own report is linked");
        everyWriteAndEveryContractKept(r);
        requestsTableAgreesWithTheRun(r);
        assertTrue(html.contains("<h2 id=\"requests\">") && html.contains("class=\"distribution\""), "table and pictures");
    }

    /**
     * The ranged phases ended within their ranges, each for a reason the console gave; the fixed ones lasted as
     * written, and the phases lie back to back.
     */
    private static void phasesEndedAsDecided(JsonNode r, String console) {
        JsonNode warmup = phase(r, "warmup");
        assertTrue(List.of("settled", "maximum").contains(warmup.get("ended").asText()), warmup.toString());
        assertTrue(warmup.get("seconds").asDouble() >= 4 && warmup.get("seconds").asDouble() <= 12.05, warmup.toString());
        assertTrue(console.contains("warmup: latency settled after") == "settled".equals(warmup.get("ended").asText()),
                console);
        JsonNode recovery = phase(r, "recovery");
        assertTrue(List.of("decided", "maximum").contains(recovery.get("ended").asText()), recovery.toString());
        assertTrue(recovery.get("seconds").asDouble() >= 6 && recovery.get("seconds").asDouble() <= 12.05,
                recovery.toString());
        assertTrue(console.contains("recovery: every latency objective decided after")
                || console.contains("recovery: ran to its maximum"), console);
        assertTrue(phase(r, "baseline").get("ended").isNull(), "a fixed phase has no ending to tell");
        assertEquals(12.0, phase(r, "baseline").get("seconds").asDouble(), 0.01);
        assertEquals(8.0, phase(r, "spike").get("seconds").asDouble(), 0.01);
        assertEquals(warmup.get("end").asText(), phase(r, "baseline").get("start").asText(), "back to back");
        for (JsonNode o : r.get("objectives")) {
            if ("latency".equals(o.get("kind").asText()) && "recovery".equals(o.get("phase").asText())
                    && o.at("/figures/boundConfidencePercent").isNumber()) {
                assertEquals(97.5, o.at("/figures/boundConfidencePercent").asDouble(), 1e-9,
                        "a ranged phase is judged at the last look's level: " + o);
            }
        }
    }

    /** Each operation's rows add up to its requests and the phases' 429s; a p95 in the table is the objective's p95. */
    private static void requestsTableAgreesWithTheRun(JsonNode r) {
        long limited = 0;
        for (JsonNode o : r.at("/load/operations")) {
            long count = 0;
            for (JsonNode row : o.get("phases")) {
                count += row.get("count").asLong();
                assertEquals(row.get("count").asLong(), row.get("ok").asLong() + row.get("ko").asLong()
                        + row.get("rateLimited").asLong(), row.toString());
                limited += "spike".equals(row.get("phase").asText()) ? row.get("rateLimited").asLong() : 0;
            }
            assertEquals(o.get("requests").asLong(), count, o.toString());
        }
        assertEquals(phase(r, "spike").get("rateLimited").asLong(), limited, "the rows' 429s in the spike");
        int compared = 0;
        for (JsonNode o : r.get("objectives")) {
            if ("latency".equals(o.get("kind").asText()) && o.get("detail").asText().startsWith("p95 of ")
                    && !"all".equals(o.get("operation").asText()) && !"all".equals(o.get("phase").asText())) {
                for (JsonNode op : r.at("/load/operations")) {
                    for (JsonNode row : op.get("phases")) {
                        if (op.get("operation").asText().equals(o.get("operation").asText())
                                && row.get("phase").asText().equals(o.get("phase").asText())) {
                            assertEquals(o.get("measured").asDouble(), row.get("p95Ms").asDouble(), 0.05, o + " vs " + row);
                            compared++;
                        }
                    }
                }
            }
        }
        assertTrue(compared > 0, "some p95 objective per operation and phase was compared with the table");
    }

    /** The checks the seeded defects fail (SeededDefectsIT), passed by the clean system on the same run. */
    private static void everyWriteAndEveryContractKept(JsonNode r) {
        List<JsonNode> durability = SeededDefectsIT.objectives(r, "durability", "PASS");
        assertEquals(1, durability.size(), r.get("objectives").toPrettyString());
        JsonNode d = durability.get(0);
        assertTrue(d.at("/figures/readBack").asDouble() > 50, "acknowledged orders were read back: " + d);
        assertEquals(0, d.at("/figures/lost").asDouble(), d.toString());
        List<JsonNode> conformance = SeededDefectsIT.objectives(r, "conformance", "PASS");
        assertEquals(3, conformance.size(), "one per scored phase: " + r.get("objectives").toPrettyString());
        for (JsonNode c : conformance) {
            assertTrue(c.at("/figures/checked").asDouble() > 50, c.toString());
        }
        List<JsonNode> caching = SeededDefectsIT.objectives(r, "caching", "PASS");
        assertEquals(3, caching.size(), "private, validators, per-identity: " + r.get("objectives").toPrettyString());
        for (JsonNode c : caching) {
            assertTrue(c.get("samples").asLong() > 0, "judged answers: " + c);
        }
    }


    private static JsonNode phase(JsonNode report, String name) {
        for (JsonNode p : report.at("/load/phases")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no phase " + name + " in " + report.at("/load/phases"));
    }

    private static JsonNode failedObjective(JsonNode report, String kind) {
        for (JsonNode o : report.get("objectives")) {
            if (o.get("kind").asText().equals(kind) && o.get("status").asText().equals("FAIL")) {
                return o;
            }
        }
        throw new AssertionError("no failed " + kind + " objective in " + report.get("objectives").toPrettyString());
    }

    private static String[] shortRun(Path out, Path env) {
        List<String> a = new java.util.ArrayList<>(List.of(args(out, "--env", env.toString(), "--set", "contracts.enabled=false")));
        a.addAll(List.of(SHORT));
        return a.toArray(String[]::new);
    }

    /**
     * Two defects in one run, each failing its own objective: no rate limiter (the spike is never answered 429) and
     * every answer 250 ms slower (the latency objective).
     */
    @Test
    void withoutItsRateLimiterTheSpikeFailsAndASlowOperationFailsTheLatencyObjective() throws Exception {
        Path env = GauntletProcess.variant("no-rate-limit-slow", HOOKS,
                "\"--test-hooks\", \"--rate-limit\", \"0\", \"--defect\", \"slow\"]");
        Path out = GauntletProcess.out("no-rate-limit-slow");
        GauntletProcess gate = GauntletProcess.start(shortRun(out, env));
        assertEquals(1, gate.await(Duration.ofMinutes(4)), gate.output());
        JsonNode rateLimit = failedObjective(report(out), "rate-limit");
        assertTrue(rateLimit.get("detail").asText().contains("no request was answered 429"), rateLimit.toString());
        JsonNode latency = failedObjective(report(out), "latency");
        assertTrue(latency.get("measured").asDouble() >= 250, latency.toString());
    }

    @Test
    void aRenamedResponseFieldFailsTheGateNamingConsumerInteractionAndField() throws Exception {
        Path env = GauntletProcess.variant("rename-field", HOOKS, "\"--test-hooks\", \"--defect\", \"rename-field\"]");
        Path out = GauntletProcess.out("rename-field");
        GauntletProcess gate = GauntletProcess.start(args(out, "--env", env.toString(), "--set", "load.enabled=false"));
        assertEquals(1, gate.await(Duration.ofMinutes(2)), gate.output());
        JsonNode failures = report(out).at("/contracts/failures");
        assertTrue(failures.size() > 0);
        boolean named = false;
        for (JsonNode f : failures) {
            named |= f.get("path").asText().equals("$.totalCents") && !f.get("consumer").asText().isEmpty()
                    && !f.get("interaction").asText().isEmpty();
        }
        assertTrue(named, failures.toPrettyString());
        assertTrue(gate.output().contains("storefront /") && gate.output().contains("totalCents"), gate.output());
        assertEquals("FAIL", report(out).get("verdict").asText());
    }

    @Test
    @Tag(EVERY_JDK)
    void aServiceThatCannotStartExits3WithItsLogTail() throws Exception {
        Path env = GauntletProcess.variant("no-start", "\"--port\", \"${port}\", \"--payments-url\"",
                "\"--port\", \"not-a-port\", \"--payments-url\"");
        Path out = GauntletProcess.out("no-start");
        GauntletProcess gate = GauntletProcess.start(args(out, "--env", env.toString()));
        assertEquals(3, gate.await(Duration.ofMinutes(2)), gate.output());
        JsonNode r = report(out);
        assertEquals("environment", r.at("/aborted/stage").asText());
        assertTrue(r.at("/aborted/reason").asText().contains("orders-api"), r.toPrettyString());
        assertTrue(gate.output().contains("last lines of orders-api's log"), gate.output());
        assertTrue(gate.output().contains("not-a-port"), "the log tail shows the service's own complaint:\n" + gate.output());
    }

    @Test
    @Tag(EVERY_JDK)
    void aConfigurationMistakeExits2WithoutAStackTrace() throws Exception {
        GauntletProcess gate = GauntletProcess.start("gate", "--env", "environments/nope.yaml");
        assertEquals(2, gate.await(Duration.ofMinutes(1)), gate.output());
        assertTrue(gate.output().contains("environments/nope.yaml: file not found"), gate.output());
        assertFalse(gate.output().contains("\tat "), "no stack trace for a user mistake:\n" + gate.output());
    }
}
