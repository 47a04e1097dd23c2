package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Coverage of the OpenAPI document by the contracts, and response fields no contract mentions, through the gate's
 * CLI on the reference system and its seeded defects (load off: these are contract-stage checks).
 */
class CoverageExposureIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOKS = "\"--test-hooks\"]";

    private static GauntletProcess gate(Path out, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of("gate", "--out", out.toString(), "--set", "load.enabled=false"));
        a.addAll(List.of(more));
        return GauntletProcess.start(a.toArray(String[]::new));
    }

    private static Path withDefect(String defect) throws Exception {
        return GauntletProcess.variant(defect, HOOKS, "\"--test-hooks\", \"--defect\", \"" + defect + "\"]");
    }

    private static JsonNode contracts(Path out) throws Exception {
        return JSON.readTree(out.resolve("report.json").toFile()).get("contracts");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theReferenceSystemIsFullyCoveredAndExposesNothingUnallowed() throws Exception {
        Path out = Path.of("target/it/coverage-pass");
        GauntletProcess gate = gate(out);
        assertEquals(0, gate.await(Duration.ofMinutes(2)), gate.output());
        JsonNode c = contracts(out);
        JsonNode coverage = c.get("coverage");
        assertTrue(coverage.get("operations").asInt() >= 6, coverage.toPrettyString());
        assertEquals(coverage.get("operations").asInt(), coverage.get("covered").asInt(), coverage.toPrettyString());
        assertEquals(List.of(), texts(coverage.get("uncovered")));
        List<String> table = new ArrayList<>();
        for (JsonNode row : coverage.get("table")) {
            table.add(row.get("operation").asText());
            assertTrue(row.get("interactions").asInt() > 0, row.toString());
            assertTrue(row.get("load").isNull(), "no load ran: " + row);
        }
        assertTrue(table.containsAll(List.of("GET /products", "POST /orders", "GET /orders/{id}", "DELETE /orders/{id}")),
                table.toString());
        assertTrue(table.stream().noneMatch(op -> op.contains("/health") || op.contains("/openapi.json")),
                "meta operations are not counted: " + table);
        assertEquals(0, c.get("exposure").size(), c.get("exposure").toPrettyString());
        for (JsonNode a : c.get("allowedExposure")) {
            assertTrue(!a.get("reason").asText().isBlank(), "allowed with a reason: " + a);
        }
        assertTrue(c.get("millis").asLong() > 0, c.toString());
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("<testcase classname=\"gauntlet.local.contracts.coverage\" name=\"GET /orders/{id}\""), junit);
        assertTrue(gate.output().matches("(?s).*coverage +(\\d+) of \\1 operations covered.*"), gate.output());
    }

    @Test
    void anEndpointNoContractUsesFailsNamingTheOperation() throws Exception {
        Path out = Path.of("target/it/new-endpoint");
        GauntletProcess gate = gate(out, "--env", withDefect("new-endpoint").toString());
        assertEquals(1, gate.await(Duration.ofMinutes(2)), gate.output());
        JsonNode c = contracts(out);
        assertEquals(List.of("GET /orders/{id}/invoice"), texts(c.at("/coverage/uncovered")));
        assertEquals(0, c.get("failed").asInt(), "the existing interactions still hold");
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals("FAIL", report.get("verdict").asText());
        assertTrue(texts(report.get("reasons")).contains("operation not covered by any contract: GET /orders/{id}/invoice"),
                report.get("reasons").toPrettyString());
        assertTrue(gate.output().contains("UNCOVERED GET /orders/{id}/invoice"), gate.output());
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.matches("(?s).*name=\"GET /orders/\\{id}/invoice\"[^>]*>\\s*<failure.*"), junit);
    }

    @Test
    void aLeakedFieldFailsNamingTheFieldAndItsOperations() throws Exception {
        Path out = Path.of("target/it/leak-field");
        GauntletProcess gate = gate(out, "--env", withDefect("leak-field").toString());
        assertEquals(1, gate.await(Duration.ofMinutes(2)), gate.output());
        JsonNode c = contracts(out);
        assertEquals(0, c.get("failed").asInt(), "an extra field breaks no contract: only the exposure check sees it");
        List<String> found = new ArrayList<>();
        c.get("exposure").forEach(e -> e.get("fields").forEach(f -> found.add(e.get("operation").asText() + " " + f.asText())));
        assertEquals(List.of("GET /orders items[].internalCostCents", "GET /orders/{id} internalCostCents",
                "POST /orders internalCostCents"), found.stream().sorted().toList());
        JsonNode reasons = JSON.readTree(out.resolve("report.json").toFile()).get("reasons");
        assertEquals(3, texts(reasons).stream().filter(r -> r.contains("internalCostCents")).count(), reasons.toPrettyString());
        assertTrue(gate.output().contains("EXPOSED   GET /orders/{id}: internalCostCents"), gate.output());
        assertTrue(Files.readString(out.resolve("junit.xml"))
                .contains("classname=\"gauntlet.local.contracts.exposure\" name=\"GET /orders/{id} internalCostCents\""));
    }

    @Test
    void aPactWithoutItsOnlyInteractionForAnOperationFailsNamingIt() throws Exception {
        Path folder = Path.of("target/it/contracts-without-cancel");
        Files.createDirectories(folder);
        try (Stream<Path> pacts = Files.list(Path.of("contracts"))) {
            for (Path p : pacts.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode pact = JSON.readTree(p.toFile());
                ArrayNode interactions = (ArrayNode) pact.get("interactions");
                for (int i = interactions.size() - 1; i >= 0; i--) {
                    if (interactions.get(i).at("/request/method").asText().equals("DELETE")) {
                        interactions.remove(i);
                    }
                }
                JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(p.getFileName()).toFile(), pact);
            }
        }
        Path out = Path.of("target/it/without-cancel");
        GauntletProcess gate = gate(out, "--set", "contracts.folder=" + folder);
        assertEquals(1, gate.await(Duration.ofMinutes(2)), gate.output());
        JsonNode c = contracts(out);
        assertEquals(List.of("DELETE /orders/{id}"), texts(c.at("/coverage/uncovered")));
        assertEquals(0, c.get("failed").asInt());
        assertTrue(gate.output().contains("  FAIL         operation not covered by any contract: DELETE /orders/{id}"),
                gate.output());
    }
}
