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
import org.junit.jupiter.api.Test;

/** The gate end to end through its CLI, on real processes: the reference system and seeded defects. */
class GateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A short but real load: CI runs the plan short, nightly long. */
    private static final String[] SHORT = {"--set", "load.settings.warmup=8s", "--set", "load.settings.baselineDuration=12s"};
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
    void theReferenceSystemPassesTheGate() throws Exception {
        Path out = Path.of("target/it/pass");
        List<String> a = new java.util.ArrayList<>(List.of(args(out)));
        a.addAll(List.of(SHORT));
        GauntletProcess gate = GauntletProcess.start(a.toArray(String[]::new));
        int code = gate.await(Duration.ofMinutes(4));
        assertEquals(0, code, gate.output());
        JsonNode r = report(out);
        assertTrue(List.of("PASS", "WARN").contains(r.get("verdict").asText()), r.toPrettyString());
        assertEquals("local", r.at("/environment/name").asText());
        assertTrue(r.at("/contracts/interactions").asInt() >= 3, "at least products, create order, get order");
        assertEquals(0, r.at("/contracts/failed").asInt());
        assertEquals(3, r.get("objectives").size());
        for (JsonNode o : r.get("objectives")) {
            assertTrue(o.has("name") && o.has("kind") && o.has("phase") && o.has("status") && o.has("measured")
                    && o.has("threshold") && o.has("unit"), o.toString());
        }
        assertTrue(r.at("/load/requests").asLong() > 200, "the load really ran");
        assertEquals(0, r.at("/load/refusedConnections").size(), "nothing phones home: " + r.at("/load/refusedConnections"));
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("<testcase classname=\"gauntlet.contracts.storefront\""), junit);
        assertTrue(junit.contains("classname=\"gauntlet.objectives.baseline\""), junit);
        assertTrue(gate.output().contains("VERDICT"), gate.output());
        assertTrue(Files.exists(Path.of(r.at("/load/gatlingReport").asText())), "Gatling's own report is linked");
    }

    @Test
    void aRenamedResponseFieldFailsTheGateNamingConsumerInteractionAndField() throws Exception {
        Path env = GauntletProcess.variant("rename-field", HOOKS, "\"--test-hooks\", \"--defect\", \"rename-field\"]");
        Path out = Path.of("target/it/rename-field");
        GauntletProcess gate = GauntletProcess.start(args(out, "--env", env.toString(), "--set", "load.enabled=false"));
        assertEquals(1, gate.await(Duration.ofMinutes(2)), gate.output());
        JsonNode failures = report(out).at("/contracts/failures");
        assertTrue(failures.size() > 0);
        boolean named = false;
        for (JsonNode f : failures) {
            named |= f.get("path").asText().contains("totalCents") && !f.get("consumer").asText().isEmpty()
                    && !f.get("interaction").asText().isEmpty();
        }
        assertTrue(named, failures.toPrettyString());
        assertTrue(gate.output().contains("storefront /") && gate.output().contains("totalCents"), gate.output());
        assertEquals("FAIL", report(out).get("verdict").asText());
    }

    @Test
    void aServiceThatCannotStartExits3WithItsLogTail() throws Exception {
        Path env = GauntletProcess.variant("no-start", "\"--port\", \"${port}\", \"--payments-url\"",
                "\"--port\", \"not-a-port\", \"--payments-url\"");
        Path out = Path.of("target/it/no-start");
        GauntletProcess gate = GauntletProcess.start(args(out, "--env", env.toString()));
        assertEquals(3, gate.await(Duration.ofMinutes(2)), gate.output());
        JsonNode r = report(out);
        assertEquals("environment", r.at("/aborted/stage").asText());
        assertTrue(r.at("/aborted/reason").asText().contains("orders-api"), r.toPrettyString());
        assertTrue(gate.output().contains("last lines of orders-api's log"), gate.output());
        assertTrue(gate.output().contains("not-a-port"), "the log tail shows the service's own complaint:\n" + gate.output());
    }

    @Test
    void aConfigurationMistakeExits2WithoutAStackTrace() throws Exception {
        GauntletProcess gate = GauntletProcess.start("gate", "--env", "environments/nope.yaml");
        assertEquals(2, gate.await(Duration.ofMinutes(1)), gate.output());
        assertTrue(gate.output().contains("environments/nope.yaml: file not found"), gate.output());
        assertFalse(gate.output().contains("\tat "), "no stack trace for a user mistake:\n" + gate.output());
    }
}
