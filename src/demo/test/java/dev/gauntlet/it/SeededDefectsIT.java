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
 * Failure causes no contract interaction and no threshold names, each seeded into the reference system, each caught
 * by the objective the gate scores by default: lost acknowledged writes (durability), wrong-but-200 answers under
 * load (conformance), one lesser-used operation ten times slower (per-operation latency), a customer's orders
 * publicly cacheable and ETags never answered 304 (caching private, validators), one customer's orders served to
 * another from a cache keyed without the caller (caching per-identity). Defects that different objectives catch share
 * a gate run, to keep CI short; each assertion names its own objective. The clean system passes the same checks (in
 * {@code GateIT.theReferenceSystemPassesTheGate}, whose run is the same). (The
 * missing timeout and circuit breaker around Payments, and monitoring that lies during the outage: {@link OutageIT}.)
 */
class SeededDefectsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOKS = "\"--test-hooks\"]";
    /** Long enough for a few hundred orders and product reads, short enough for CI. */
    private static final String[] SHORT = {"--set", "load.settings.warmup=8s", "--set", "load.settings.baselineDuration=12s",
        "--set", "load.settings.spikeDuration=5s", "--set", "load.settings.recoveryDuration=6s"};

    private static JsonNode run(String name, String defect, int expectedExit, String... more) throws Exception {
        Path env = defect == null ? Path.of("environments/local.yaml")
                : GauntletProcess.variant(name, HOOKS, "\"--test-hooks\", \"--defect\", \""
                + defect.replace(",", "\", \"--defect\", \"") + "\"]");
        Path out = GauntletProcess.out(name);
        List<String> a = new ArrayList<>(List.of("gate", "--env", env.toString(), "--out", out.toString()));
        a.addAll(List.of(SHORT));
        a.addAll(List.of(more));
        GauntletProcess gate = GauntletProcess.start(a.toArray(String[]::new));
        assertEquals(expectedExit, gate.await(Duration.ofMinutes(4)), gate.output());
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    /** The objectives of {@code kind} with {@code status} in a report. */
    static List<JsonNode> objectives(JsonNode report, String kind, String status) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode o : report.get("objectives")) {
            if (o.get("kind").asText().equals(kind) && o.get("status").asText().equals(status)) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * The database stops answering for 6 s of the baseline (a blackhole on the Orders API's edge to PostgreSQL,
     * through the gate's proxy); the plan is a warm-up and that baseline. Scored: how fast orders are answered
     * meanwhile, and whether every acknowledged order is still there afterwards.
     */
    private static final String[] DATABASE_HANGS = {"--set", "contracts.enabled=false", "--set", "security.enabled=false",
        "--set", "load.plan=[{phase: warmup, rate: 20/s, duration: 5s}, {phase: baseline, rate: 30/s, duration: 14s}]",
        "--set", "faults=[{service: orders-db, kind: blackhole, phase: baseline, at: 3s, duration: 6s}]",
        "--set", "objectives=[{name: orders answered while the database hangs, phase: baseline, operation: POST /orders,"
                + " latency: p95 < 3000ms}]"};

    private static JsonNode databaseHangs(String defect, int expectedExit) throws Exception {
        Path env = defect == null ? Path.of("environments/local.yaml")
                : GauntletProcess.variant("db-" + defect, HOOKS, "\"--test-hooks\", \"--defect\", \"" + defect + "\"]");
        Path out = GauntletProcess.out("db-" + (defect == null ? "clean" : defect));
        List<String> a = new ArrayList<>(List.of("gate", "--env", env.toString(), "--out", out.toString()));
        a.addAll(List.of(DATABASE_HANGS));
        GauntletProcess gate = GauntletProcess.start(a.toArray(String[]::new));
        assertEquals(expectedExit, gate.await(Duration.ofMinutes(4)), gate.output());
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        JsonNode blackhole = r.get("faults").get(0);
        assertTrue(blackhole.at("/evidence/tookEffect").asBoolean(), "the database edge was cut: " + blackhole);
        return r;
    }

    @Test
    void databaseDefectsFailTheirObjectiveWhileTheDatabaseHangsAndTheCleanSystemPasses() throws Exception {
        JsonNode clean = databaseHangs(null, 0);
        assertEquals(1, objectives(clean, "latency", "PASS").size(), clean.get("objectives").toPrettyString());
        JsonNode kept = objectives(clean, "durability", "PASS").get(0);
        assertEquals(0, kept.at("/figures/lost").asDouble(), "503 while the database hangs, nothing acknowledged lost");

        JsonNode noTimeout = databaseHangs("db-no-timeout", 1);
        assertEquals(1, objectives(noTimeout, "latency", "FAIL").size(), "requests hang with the database: "
                + noTimeout.get("objectives").toPrettyString());

        // db-unbounded-pool fails the same objective the same way (requests wait without limit): not run again here
        JsonNode ackFirst = databaseHangs("db-ack-before-commit", 1);
        List<JsonNode> lost = objectives(ackFirst, "durability", "FAIL");
        assertEquals(1, lost.size(), ackFirst.get("objectives").toPrettyString());
        assertTrue(lost.get(0).at("/figures/lost").asDouble() > 0, "orders acknowledged, then dropped: " + lost.get(0));
    }

    @Test
    void acknowledgedOrdersThatWereNeverStoredFailTheDurabilityObjective() throws Exception {
        JsonNode r = run("lose-writes", "lose-writes,public-cache,etag-ignored,slow-rare-operation", 1,
                "--set", "contracts.enabled=false");
        List<JsonNode> failed = objectives(r, "durability", "FAIL");
        assertEquals(1, failed.size(), r.get("objectives").toPrettyString());
        JsonNode d = failed.get(0);
        double lost = d.at("/figures/lost").asDouble();
        double read = d.at("/figures/readBack").asDouble();
        // every 25th order is lost; the load cancels some orders, which are not expected back
        assertTrue(lost >= 2 && lost < read / 5, d.toString());
        assertTrue(d.get("detail").asText().contains("GET /orders/{id}: 404"), "names the lost ids: " + d);
        JsonNode evidence = JSON.readTree(GauntletProcess.out("lose-writes").resolve("durability.json").toFile());
        assertEquals((long) lost, evidence.get("lost").size(), evidence.toPrettyString());
        assertTrue(objectives(r, "conformance", "FAIL").isEmpty(), "only durability (and caching) is broken");
        cachingFails(r, "caching private", "Cache-Control: public, max-age=60 on an answer to a request with Authorization");
        cachingFails(r, "caching validators", "to a request carrying its own ETag (the resource did not change): "
                + "expected 304");
        assertEquals(1, objectives(r, "caching", "PASS").size(), "per-identity holds: " + r.get("objectives"));
        aLesserUsedOperationTenTimesSlowerFailsItsOwnLatencyObjective(r);
    }

    /** The caching objective {@code name} FAILs with {@code reason} in its detail. */
    private static void cachingFails(JsonNode report, String name, String reason) {
        JsonNode failed = objectives(report, "caching", "FAIL").stream().filter(o -> o.get("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " did not fail: " + report.get("objectives")));
        assertTrue(failed.get("detail").asText().contains(reason), failed.toString());
        assertTrue(failed.get("detail").asText().contains("GET /orders"), "names the operation: " + failed);
    }

    @Test
    void wrongButOkAnswersUnderLoadFailTheConformanceObjective() throws Exception {
        JsonNode r = run("wrong-body-under-load", "wrong-body-under-load,cache-ignores-caller", 1,
                "--set", "contracts.enabled=false");
        List<JsonNode> failed = objectives(r, "conformance", "FAIL");
        assertTrue(!failed.isEmpty(), r.get("objectives").toPrettyString());
        JsonNode c = failed.get(0);
        assertTrue(c.get("detail").asText().contains("GET /products/{sku} 200 breaks storefront")
                && c.get("detail").asText().contains("$.priceCents"), "shows an example with the mismatch: " + c);
        boolean budgetSpent = false;
        for (JsonNode b : r.get("objectives")) {
            budgetSpent |= b.get("kind").asText().equals("error-budget") && b.at("/figures/brokenContracts").asDouble() > 0;
        }
        assertTrue(budgetSpent, "broken 200s are errors for the error budget: " + r.get("objectives").toPrettyString());
        assertTrue(Files.exists(GauntletProcess.out("wrong-body-under-load").resolve("conformance.json")));
        assertTrue(objectives(r, "durability", "FAIL").isEmpty(), "only conformance (and caching) is broken");
        JsonNode mixed = objectives(r, "caching", "FAIL").stream()
                .filter(o -> o.get("name").asText().equals("caching per-identity")).findFirst()
                .orElseThrow(() -> new AssertionError("per-identity did not fail: " + r.get("objectives")));
        assertTrue(mixed.get("detail").asText().matches(".*GET /orders /orders: answered to (alice|bob|carol) with "
                + "ord-\\S+, which (alice|bob|carol) created.*"), mixed.toString());
        assertEquals(2, objectives(r, "caching", "PASS").size(), "private and validators hold: " + r.get("objectives"));
    }

    /**
     * One lesser-used operation ten times slower (slow-rare-operation) fails its own latency objective; on a quiet
     * machine only that one, and the mix's objectives hide it. On a machine the run's own report calls busy
     * ({@link BusyMachine}) a stall may fail another latency objective too (a rehearsal of .ci/run saw the
     * recovery's p99 at 1.5 s at load 8.7 on 2 cores): then only the slowed operation's own FAIL is required.
     */
    private static void aLesserUsedOperationTenTimesSlowerFailsItsOwnLatencyObjective(JsonNode r) {
        List<JsonNode> failed = objectives(r, "latency", "FAIL");
        assertTrue(failed.stream().anyMatch(f -> f.get("operation").asText().equals("GET /orders")
                && f.get("phase").asText().equals("baseline")), r.get("objectives").toPrettyString());
        if (BusyMachine.busy(r)) {
            return;
        }
        for (JsonNode f : failed) {
            assertEquals("GET /orders", f.get("operation").asText(), "only the slowed operation fails: " + f);
        }
        for (JsonNode o : r.get("objectives")) {
            if (o.get("kind").asText().equals("latency") && o.get("operation").asText().equals("all")) {
                assertTrue(!o.get("status").asText().equals("FAIL"), "the mix hides it: " + o);
            }
        }
    }

    /**
     * {@code security.duringFaults}: with the {@code fail-open-outage} defect, cancelling checks with Payments and
     * skips the ownership check when Payments does not answer. At rest (before the load) every object-level
     * authorization probe holds; while Payments is stopped under load, the probe of {@code DELETE /orders/{id}} as
     * another customer changes the order, and the report says it failed only under that fault.
     */
    @Test
    void authorizationThatFailsOpenDuringAPaymentsOutageFailsUnderTheFaultOnly() throws Exception {
        Path env = GauntletProcess.variant(Path.of("environments/outage.yaml"), "fail-open-outage", HOOKS,
                "\"--test-hooks\", \"--defect\", \"fail-open-outage\"]");
        Path out = GauntletProcess.out("fail-open-outage");
        GauntletProcess gate = GauntletProcess.start("gate", "--env", env.toString(), "--out", out.toString(),
                "--set", "contracts.enabled=true", "--set", "security.duringFaults=true",
                "--set", "load.settings.warmup=5s", "--set", "load.settings.baselineDuration=8s",
                "--set", "load.settings.outageDuration=20s", "--set", "load.settings.recoveryDuration=8s");
        assertEquals(1, gate.await(Duration.ofMinutes(4)), gate.output());
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        List<String> under = new ArrayList<>();
        for (JsonNode f : r.at("/security/failures")) {
            if (f.get("kind").asText().equals("bola") && f.get("operation").asText().equals("DELETE /orders/{id}")
                    && f.get("reason").asText().contains("(held at rest: it failed only while " + f.get("during").asText())) {
                under.add(f.get("during").asText());
            }
        }
        assertTrue(under.stream().anyMatch(d -> d.startsWith("stop on payments")),
                "the probe of DELETE /orders/{id} as another customer fails while Payments is stopped: " + under + "\n"
                + r.get("security").toPrettyString());
        for (JsonNode f : r.at("/security/failures")) {
            assertTrue(!f.get("during").isNull(), "nothing failed at rest: " + f);
        }
        JsonNode stop = null; // outage.yaml also stops a replica of the Orders API during the warmup
        for (JsonNode f : r.at("/security/underFaults")) {
            stop = stop == null && f.get("fault").asText().startsWith("stop on payments") ? f : stop;
        }
        assertTrue(stop != null && stop.get("probes").asInt() > 20 && stop.get("failedOnlyUnderFault").asInt() >= 1,
                r.at("/security/underFaults").toPrettyString());
        List<JsonNode> failed = objectives(r, "security", "FAIL");
        assertTrue(failed.stream().anyMatch(o -> o.get("name").asText().equals("security object-level authorization")
                && o.get("detail").asText().contains("while stop on payments")), r.get("objectives").toPrettyString());
        assertTrue(gate.output().contains("[gate] security: probing authorization while stop on payments"),
                gate.output());
    }
}
