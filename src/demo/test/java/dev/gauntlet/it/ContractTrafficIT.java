package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code environments/contracts.yaml}: the gate with load made from the contracts (no simulation class), end to end
 * through the CLI on real processes.
 */
class ContractTrafficIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shipped plan, short. */
    private static final String SHORT_PLAN = "load.plan=[{phase: warmup, rate: 20/s, duration: 8s}, "
            + "{phase: baseline, rate: 30/s, duration: 12s}, {phase: spike, rate: 6x, duration: 8s}, "
            + "{phase: recovery, rate: 30/s, duration: 8s}]";

    @Test
    void theReferenceSystemPassesWithTrafficFromEveryInteraction() throws Exception {
        Path out = Path.of("target/it/contract-traffic");
        GauntletProcess gate = GauntletProcess.start("gate", "--env", "environments/contracts.yaml", "--out",
                out.toString(), "--set", SHORT_PLAN);
        assertEquals(0, gate.await(Duration.ofMinutes(4)), gate.output());
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        assertTrue(List.of("PASS", "INCONCLUSIVE", "WARN").contains(r.get("verdict").asText()), r.toPrettyString());
        for (JsonNode o : r.get("objectives")) {
            assertFalse(o.get("status").asText().equals("FAIL"), o.toString());
        }
        assertEquals("from contracts", r.at("/load/simulation").asText());
        assertEquals(0, r.at("/load/refusedConnections").size(), r.at("/load/refusedConnections").toString());

        // every interaction of contracts/ appears in the report: as traffic, or left out with a reason
        Set<String> reported = new HashSet<>();
        for (JsonNode op : r.at("/load/operations")) {
            for (JsonNode i : op.get("interactions")) {
                String how = i.get("how").asText();
                assertTrue(Set.of("as-is", "state-once", "fresh-values", "state-per-visit", "left-out").contains(how), i.toString());
                assertFalse(i.get("detail").asText().isBlank(), "every decision says what it did or why not: " + i);
                if (how.equals("left-out")) {
                    assertEquals(0.0, i.get("sharePercent").asDouble(), i.toString());
                    assertTrue(gate.output().contains("LEFT OUT  " + i.get("consumer").asText() + " / "
                            + i.get("interaction").asText()), "the console names it:\n" + gate.output());
                } else {
                    assertTrue(i.get("sharePercent").asDouble() > 0, i.toString());
                    assertTrue(op.get("requests").asLong() > 0, "its operation really got traffic: " + op);
                }
                reported.add(i.get("consumer").asText() + " / " + i.get("interaction").asText());
            }
        }
        assertEquals(interactionsInContracts(), reported);

        // the reference pacts need no leaving out: the DELETE gets an order of its own, the POST a fresh key
        for (JsonNode op : r.at("/load/operations")) {
            for (JsonNode i : op.get("interactions")) {
                assertFalse(i.get("how").asText().equals("left-out"), i.toString());
                if (i.get("method").asText().equals("DELETE") || i.get("interaction").asText().equals("a request to place an order")) {
                    assertEquals("state-per-visit", i.get("how").asText(), i.toString());
                }
            }
        }
        // named as coverage names them: the coverage table's load column is filled for every operation
        for (JsonNode row : r.at("/contracts/coverage/table")) {
            assertTrue(row.get("load").asBoolean(), "the load exercised " + row);
        }
        JsonNode spike = phase(r, "spike");
        assertTrue(spike.get("rateLimited").asLong() > 0, "the spike is answered 429: " + spike);
        assertEquals(0, spike.get("errors").asLong(), spike.toString());
    }

    private static Set<String> interactionsInContracts() throws Exception {
        Set<String> out = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("contracts"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode pact = JSON.readTree(f.toFile());
                for (JsonNode i : pact.get("interactions")) {
                    out.add(pact.at("/consumer/name").asText() + " / " + i.get("description").asText());
                }
            }
        }
        return out;
    }

    private static JsonNode phase(JsonNode report, String name) {
        for (JsonNode p : report.at("/load/phases")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no phase " + name + " in " + report.at("/load/phases"));
    }
}
