package dev.gauntlet.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.contract.ApiModel;
import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractPact;
import dev.gauntlet.contract.ContractResponses;
import dev.gauntlet.contract.ContractSet;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.load.Timeline;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sampled answers of a load, per phase, against the reference system's pacts. */
class ConformanceTest {
    @TempDir
    Path dir;
    private final ContractResponses contracts = ContractResponses.of(ContractInputs.load(
            new ContractsSpec(true, Path.of("contracts"), "/_gauntlet/provider-state"), "orders-api",
            URI.create("http://127.0.0.1:1")), "orders-api");
    private final Timeline timeline = new Timeline(0, List.of(new Timeline.Window("warmup", false, 0, 1000, 10),
            new Timeline.Window("baseline", true, 1000, 2000, 10), new Timeline.Window("spike", true, 2000, 3000, 60)));

    private static String sample(long t, String op, int status, String body) {
        return "{\"t\":" + t + ",\"operation\":\"" + op + "\",\"status\":" + status
                + ",\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"" + body.replace("\"", "\\\"") + "\"}";
    }

    @Test
    void aBroken200FailsItsPhaseCountsForTheBudgetAndIsShown() throws Exception {
        String good = "{\"sku\":\"SKU-1\",\"name\":\"Kettle\",\"priceCents\":1799,\"currency\":\"EUR\"}";
        String bad = "{\"sku\":\"SKU-1\",\"name\":\"Kettle\",\"priceCents\":\"17.99\",\"currency\":\"EUR\"}";
        Files.createDirectories(dir.resolve("load"));
        Files.writeString(dir.resolve("load/samples.jsonl"), String.join("\n",
                sample(500, "GET /products/{sku}", 200, bad),            // warm-up: not scored
                sample(1100, "GET /products/{sku}", 200, good),
                sample(1200, "GET /products/{sku}", 200, good),
                sample(2100, "GET /products/{sku}", 200, good),
                sample(2200, "GET /products/{sku}", 200, bad),
                sample(2300, "GET /products/{sku}", 429, "{}")) + "\n");
        Conformance.Result r = Conformance.check(ConformanceSpec.DEFAULT, dir.resolve("load"), contracts, timeline, dir);
        assertEquals(2, r.objectives().size(), "one per scored phase");
        ObjectiveResult baseline = r.objectives().get(0);
        ObjectiveResult spike = r.objectives().get(1);
        assertEquals(Status.PASS, baseline.status(), baseline.detail());
        assertEquals(Status.FAIL, spike.status(), spike.detail());
        assertEquals(50.0, spike.measured());
        assertEquals(1.0, spike.figures().get("notJudged"), "a 429 has no contract");
        assertTrue(spike.detail().contains("$.priceCents") && spike.detail().contains("storefront"), spike.detail());
        assertEquals(Map.of("GET /products/{sku}|spike", 1L), r.brokenSuccesses());
        assertTrue(Files.readString(dir.resolve(Conformance.FILE)).contains("17.99"));
    }

    /** The same broken answer, when every pact it breaks is pending on the Pact Broker: a WARN, never a FAIL. */
    @Test
    void anAnswerThatBreaksOnlyPendingPactsWarns() throws Exception {
        ContractSet folder = ContractSet.folder(Path.of("contracts"));
        ContractSet pending = new ContractSet(folder.pacts().stream()
                .map(p -> new ContractPact(p.origin(), true, p.pact(), p.json(), null)).toList(), List.of());
        ContractResponses responses = ContractResponses.of(new ContractInputs(pending, ApiModel.none()), "orders-api");
        String bad = "{\"sku\":\"SKU-1\",\"name\":\"Kettle\",\"priceCents\":\"17.99\",\"currency\":\"EUR\"}";
        Files.createDirectories(dir.resolve("load"));
        Files.writeString(dir.resolve("load/samples.jsonl"), sample(2200, "GET /products/{sku}", 200, bad) + "\n");
        Conformance.Result r = Conformance.check(ConformanceSpec.DEFAULT, dir.resolve("load"), responses, timeline, dir);
        ObjectiveResult spike = r.objectives().get(1);
        assertEquals(Status.WARN, spike.status(), spike.detail());
        assertEquals(0.0, spike.figures().get("broken"));
        assertEquals(1.0, spike.figures().get("brokenPending"));
        assertTrue(spike.detail().contains("pending"), spike.detail());
        assertEquals(Map.of(), r.brokenSuccesses(), "a pending pact's break spends no budget");
    }

    @Test
    void aPhaseWithNothingToJudgeWarns() throws Exception {
        Files.createDirectories(dir.resolve("load"));
        Files.writeString(dir.resolve("load/samples.jsonl"), sample(1500, "GET /products", 429, "{}") + "\n");
        ObjectiveResult baseline = Conformance.check(ConformanceSpec.DEFAULT, dir.resolve("load"), contracts, timeline,
                dir).objectives().get(0);
        assertEquals(Status.WARN, baseline.status(), baseline.detail());
    }

    /**
     * Answers matched while the load wrote them (a line cut in two by the writer's buffer included) give the same
     * verdicts as matching after the load, and are not matched again.
     */
    @Test
    void answersMatchedDuringTheLoadAreTheSameAndNotMatchedAgain() throws Exception {
        String good = "{\"sku\":\"SKU-1\",\"name\":\"Kettle\",\"priceCents\":1799,\"currency\":\"EUR\"}";
        String bad = "{\"sku\":\"SKU-1\",\"name\":\"Kettle\",\"priceCents\":\"17.99\",\"currency\":\"EUR\"}";
        String lines = String.join("\n", sample(1100, "GET /products/{sku}", 200, good),
                sample(2100, "GET /products/{sku}", 200, bad), sample(2300, "GET /products/{sku}", 429, "{}")) + "\n";
        Path load = Files.createDirectories(dir.resolve("load"));
        Path samples = load.resolve("samples.jsonl");
        int cut = lines.indexOf("17.99"); // the broken answer's line arrives in two writes
        Files.writeString(samples, lines.substring(0, cut));
        Prematch prematch = Prematch.start(contracts, load);
        Thread.sleep(600);
        Files.writeString(samples, lines.substring(cut), java.nio.file.StandardOpenOption.APPEND);
        for (int i = 0; i < 100 && prematch.matchedSoFar() < 2; i++) { // the good and the broken answer (a 429 has
            Thread.sleep(100);                                            // no contract)
        }
        Map<String, List<ContractResponses.Breach>> matched = prematch.stop();
        assertEquals(2, matched.size(), matched.keySet().toString());
        Conformance.Result after = Conformance.check(ConformanceSpec.DEFAULT, load, contracts, timeline, dir);
        Conformance.Result during = Conformance.check(ConformanceSpec.DEFAULT, load, contracts, timeline, dir, matched);
        assertEquals(after.brokenSuccesses(), during.brokenSuccesses());
        assertEquals(after.objectives().stream().map(ObjectiveResult::status).toList(),
                during.objectives().stream().map(ObjectiveResult::status).toList());
        assertEquals(List.of(Status.PASS, Status.FAIL), during.objectives().stream().map(ObjectiveResult::status).toList());

        // what was matched before is taken as it is: the good answer said to be broken is counted broken
        Map<String, List<ContractResponses.Breach>> doctored = new java.util.HashMap<>(matched);
        String goodKey = matched.keySet().stream().filter(k -> k.contains("1799")).findFirst().orElseThrow();
        doctored.put(goodKey, List.of(new ContractResponses.Breach("c", "i", List.of("said so"), false)));
        Conformance.Result reused = Conformance.check(ConformanceSpec.DEFAULT, load, contracts, timeline, dir, doctored);
        assertEquals(Status.FAIL, reused.objectives().get(0).status(), "the baseline's answer was not matched again");
    }
}
