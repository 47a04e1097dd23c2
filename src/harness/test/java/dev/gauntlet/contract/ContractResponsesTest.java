package dev.gauntlet.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers seen under load, matched against the reference system's real pacts with Pact's own matching. */
class ContractResponsesTest {
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private final ContractResponses contracts = ContractResponses.of(ContractInputs.load(
            new ContractsSpec(true, Path.of("contracts"), "/_gauntlet/provider-state"), "orders-api",
            URI.create("http://127.0.0.1:1")), "orders-api");

    @Test
    void aConformingAnswerHasNoBreachAndExtraFieldsAreAllowed() {
        String order = "{\"id\":\"ord-5\",\"sku\":\"SKU-3\",\"quantity\":1,\"totalCents\":1200,\"currency\":\"EUR\","
                + "\"status\":\"CONFIRMED\",\"createdAt\":\"2026-11-29T03:00:00.123Z\",\"note\":\"extra\"}";
        assertTrue(contracts.expects("GET /orders/{orderId}", 200), "any spelling of the template");
        assertEquals(List.of(), contracts.breaches("GET /orders/{id}", 200, JSON, order));
    }

    @Test
    void aWrongTypeBreaksTheConsumerThatExpectsItWithThePath() {
        String product = "{\"sku\":\"SKU-1\",\"name\":\"Kettle\",\"priceCents\":\"17.99\",\"currency\":\"EUR\"}";
        List<ContractResponses.Breach> breaches = contracts.breaches("GET /products/{sku}", 200, JSON, product);
        assertEquals(1, breaches.size(), breaches.toString());
        assertEquals("storefront", breaches.get(0).consumer());
        assertTrue(breaches.get(0).mismatches().stream().anyMatch(m -> m.contains("$.priceCents")), breaches.toString());
    }

    @Test
    void aMissingFieldOrAWrongContentTypeIsABreachAndAnEmptyListIsNot() {
        assertTrue(!contracts.breaches("GET /products/{sku}", 200, JSON,
                "{\"sku\":\"SKU-2\",\"name\":\"K\",\"currency\":\"EUR\"}").isEmpty());
        assertTrue(!contracts.breaches("GET /products/{sku}", 200, Map.of("Content-Type", "text/html"),
                "{\"sku\":\"SKU-1\",\"name\":\"K\",\"priceCents\":1,\"currency\":\"EUR\"}").isEmpty());
        // the pact's one-item list is its provider state's example, not a promise for every customer
        assertEquals(List.of(), contracts.breaches("GET /orders", 200, JSON, "{\"items\":[]}"));
        assertTrue(!contracts.breaches("GET /orders", 200, JSON, "{\"items\":[{\"id\":17}]}").isEmpty(),
                "the items an answer has are still matched");
    }

    @Test
    void statusesNoInteractionExpectsAreNotJudged() {
        assertTrue(contracts.expects("POST /orders", 201));
        assertTrue(!contracts.expects("POST /orders", 202), "the degraded answer has no contract");
        assertTrue(!contracts.expects("GET /products", 429));
    }

    @Test
    void readOperationsComeFromTheContracts() {
        assertEquals("GET /orders/{id}", contracts.readOperation("/orders/ord-9").orElseThrow().replaceAll("\\{.*}", "{id}"));
        assertEquals("/orders/{id}", contracts.itemTemplate("/orders").orElseThrow().replaceAll("\\{.*}", "{id}"));
        assertTrue(contracts.readOperation("/invoices/7").isEmpty());
    }
}
