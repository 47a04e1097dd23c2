package dev.gauntlet.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The translation of contracts into load traffic: what becomes which request, with which fresh values, and why not. */
class ContractTrafficTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private HttpServer provider;
    private final List<String> stateCalls = new ArrayList<>();

    private static final String PACT = """
            {
              "consumer": {"name": "shop"},
              "provider": {"name": "orders-api"},
              "interactions": [
                {"type": "Synchronous/HTTP", "description": "read an order",
                 "providerStates": [{"name": "an order exists"}],
                 "request": {"method": "GET", "path": "/orders/ord-1", "headers": {"Authorization": ["Bearer k"]},
                   "generators": {"path": {"type": "ProviderState", "expression": "/orders/${orderId}", "dataType": "STRING"}}},
                 "response": {"status": 200}},
                {"type": "Synchronous/HTTP", "description": "place an order",
                 "providerStates": [{"name": "can order", "params": {"sku": "SKU-1"}}],
                 "request": {"method": "POST", "path": "/orders",
                   "headers": {"Content-Type": ["application/json"], "Idempotency-Key": ["k-1"]},
                   "body": {"content": {"sku": "SKU-1", "quantity": 2, "ref": "r-1", "lines": [{"id": 1}, {"id": 2}]},
                            "contentType": "application/json", "encoded": false},
                   "generators": {
                     "header": {"Idempotency-Key": {"type": "ProviderState", "expression": "${key}", "dataType": "STRING"}},
                     "body": {"$.ref": {"type": "Uuid"},
                              "$.lines[*].id": {"type": "RandomInt", "min": 1, "max": 1000000},
                              "$.quantity": {"type": "ProviderState", "expression": "${qty}", "dataType": "INTEGER"}}}},
                 "response": {"status": 201}},
                {"type": "Synchronous/HTTP", "description": "place the same order again",
                 "request": {"method": "POST", "path": "/orders", "headers": {"Idempotency-Key": ["k-2"]},
                   "body": {"content": {"sku": "SKU-1", "quantity": 1}, "contentType": "application/json", "encoded": false}},
                 "response": {"status": 201}},
                {"type": "Synchronous/HTTP", "description": "search products",
                 "request": {"method": "GET", "path": "/products", "query": {"q": ["red shoe"], "page": ["1"]},
                   "generators": {"query": {"page": {"type": "RandomInt", "min": 1, "max": 1000000}}}},
                 "response": {"status": 200}},
                {"type": "Synchronous/HTTP", "description": "a missing product",
                 "request": {"method": "GET", "path": "/products/SKU-9"},
                 "response": {"status": 404}},
                {"type": "Synchronous/HTTP", "description": "cancel an order",
                 "providerStates": [{"name": "an order exists"}],
                 "request": {"method": "DELETE", "path": "/orders/ord-1",
                   "generators": {"path": {"type": "ProviderState", "expression": "/orders/${orderId}", "dataType": "STRING"}}},
                 "response": {"status": 204}},
                {"type": "Synchronous/HTTP", "description": "empty a cart",
                 "providerStates": [{"name": "a cart exists", "params": {"cartId": "c-7"}}],
                 "request": {"method": "DELETE", "path": "/carts/c-7"},
                 "response": {"status": 204}},
                {"type": "Synchronous/HTTP", "description": "an order with quantity 0",
                 "request": {"method": "POST", "path": "/orders", "headers": {"Idempotency-Key": ["zero"]},
                   "body": {"content": {"sku": "SKU-1", "quantity": 0}, "contentType": "application/json", "encoded": false}},
                 "response": {"status": 400}}
              ],
              "metadata": {"pactSpecification": {"version": "4.0"}}
            }
            """;

    private static final String OTHER_PROVIDER = """
            {
              "consumer": {"name": "shop"},
              "provider": {"name": "payments"},
              "interactions": [
                {"type": "Synchronous/HTTP", "description": "a charge", "request": {"method": "POST", "path": "/charges"},
                 "response": {"status": 201}}
              ],
              "metadata": {"pactSpecification": {"version": "4.0"}}
            }
            """;

    private static final String OPENAPI = """
            {"openapi": "3.0.3", "paths": {
              "/orders": {"post": {}},
              "/orders/{id}": {"get": {}, "delete": {}},
              "/products": {"get": {}},
              "/products/{sku}": {"get": {}}
            }}
            """;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.stop(0);
        }
    }

    private ContractsSpec contracts(String openapi) throws IOException {
        Path folder = dir.resolve("contracts");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("shop-orders-api.json"), PACT);
        Files.writeString(folder.resolve("shop-payments.json"), OTHER_PROVIDER);
        return new ContractsSpec(true, folder, "/_state", openapi, List.of(), List.of());
    }

    /** The OpenAPI document as a file; relative, since a path starting with '/' means one on the provider. */
    private String openapi() throws IOException {
        Path doc = dir.resolve("openapi.json");
        Files.writeString(doc, OPENAPI);
        return Path.of("").toAbsolutePath().relativize(doc).toString();
    }

    private static Map<String, Replay> byInteraction(ContractTraffic t) {
        Map<String, Replay> out = new LinkedHashMap<>();
        t.replays().forEach(r -> out.put(r.interaction(), r));
        return out;
    }

    @Test
    void everyInteractionBecomesTrafficOrIsLeftOutWithAReason() throws IOException {
        ContractTraffic t = traffic(contracts(null), Map.of());
        Map<String, Replay> r = byInteraction(t);
        assertEquals(9, r.size(), "every interaction of the folder is listed");
        assertEquals(Replay.How.STATE_ONCE, r.get("read an order").how());
        assertEquals(Replay.How.STATE_PER_VISIT, r.get("place an order").how());
        assertEquals(Replay.How.STATE_PER_VISIT, r.get("cancel an order").how());
        assertEquals(Replay.How.FRESH_VALUES, r.get("search products").how());
        assertEquals(Replay.How.AS_IS, r.get("a missing product").how());
        assertEquals(Replay.How.AS_IS, r.get("an order with quantity 0").how(), "an unhappy path is replayed as is");
        assertTrue(r.get("an order with quantity 0").detail().contains("expects 400"));
        Replay again = r.get("place the same order again");
        assertEquals(Replay.How.LEFT_OUT, again.how());
        assertTrue(again.detail().contains("nothing in its request changes"), again.detail());
        assertEquals(Replay.How.LEFT_OUT, r.get("empty a cart").how(), "a DELETE of one fixed resource repeats itself");
        Replay charge = r.get("a charge");
        assertEquals(Replay.How.LEFT_OUT, charge.how());
        assertTrue(charge.detail().contains("provider 'payments'"), charge.detail());
        assertTrue(r.get("place an order").detail().contains("header Idempotency-Key from ${key}"),
                r.get("place an order").detail());
        assertTrue(r.get("place an order").detail().contains("body $.ref (Uuid)"), r.get("place an order").detail());
        assertEquals(3, t.leftOut().size());
    }

    @Test
    void operationsAreNamedByTheOpenApiDocumentOrDerivedFromThePact() throws IOException {
        Map<String, Replay> derived = byInteraction(traffic(contracts(null), Map.of()));
        assertEquals("GET /orders/{orderId}", derived.get("read an order").operation(), "from the state expression");
        assertEquals("DELETE /carts/{cartId}", derived.get("empty a cart").operation(), "from the state's parameter");
        assertEquals("GET /products/SKU-9", derived.get("a missing product").operation(), "nothing to derive from");

        Map<String, Replay> documented = byInteraction(traffic(contracts(openapi()), Map.of()));
        assertEquals("GET /orders/{id}", documented.get("read an order").operation());
        assertEquals("DELETE /orders/{id}", documented.get("cancel an order").operation());
        assertEquals("GET /products/{sku}", documented.get("a missing product").operation());
        assertEquals("GET /products", documented.get("search products").operation());
    }

    @Test
    void sharesFollowTheMixAndSplitTheRestEvenly() throws IOException {
        String doc = openapi();
        ContractTraffic even = traffic(contracts(doc), Map.of());
        Map<String, Double> perOperation = even.replayed().stream()
                .collect(Collectors.groupingBy(Replay::operation, Collectors.summingDouble(Replay::sharePercent)));
        assertEquals(5, perOperation.size());
        perOperation.values().forEach(v -> assertEquals(20.0, v, 1e-9, "by default every operation alike"));
        assertEquals(10.0, byInteraction(even).get("place an order").sharePercent(), 1e-9,
                "an operation's interactions share its part");

        Map<String, Replay> mixed = byInteraction(traffic(contracts(doc), Map.of("GET /products", 40.0, "GET /orders/{orderId}", 0.0)));
        assertEquals(40.0, mixed.get("search products").sharePercent(), 1e-9);
        assertEquals(Replay.How.LEFT_OUT, mixed.get("read an order").how());
        assertTrue(mixed.get("read an order").detail().contains("load.mix gives GET /orders/{id} 0 %"));
        assertEquals(20.0, mixed.get("a missing product").sharePercent(), 1e-9, "(100 - 40) / 3 operations left");
        assertEquals(100.0, mixed.values().stream().mapToDouble(Replay::sharePercent).sum(), 1e-9);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> traffic(contracts(doc), Map.of("GET /basket", 10.0)));
        assertTrue(e.getMessage().startsWith("load.mix: no interaction of the contracts is the operation 'GET /basket'"),
                e.getMessage());
    }

    @Test
    void requestsArePreparedOnceAndFilledWithFreshValues() throws IOException {
        startProvider();
        ContractTraffic decided = traffic(contracts(null), Map.of());
        Path file = dir.resolve("load/traffic.json");
        decided.write(file);
        ContractTraffic traffic = ContractTraffic.read(file);
        assertEquals(decided, traffic, "the worker reads what the gate decided");
        assertEquals(List.of(dir.resolve("contracts/shop-orders-api.json").toAbsolutePath().toString()),
                List.copyOf(traffic.pacts().keySet()), "the pacts of replayed interactions, as the gate read them");
        Files.delete(dir.resolve("contracts/shop-orders-api.json")); // the worker never reads the folder again

        Map<String, RequestTemplate> t = new LinkedHashMap<>();
        traffic.prepare(URI.create("http://127.0.0.1:" + provider.getAddress().getPort()))
                .forEach(x -> t.put(x.replay().interaction(), x));
        assertEquals(6, t.size());
        assertEquals(List.of("{\"state\":\"an order exists\",\"action\":\"setup\"}"), stateCalls,
                "states used once are set up once, before the load; per-visit ones are left to the load");

        RequestTemplate read = t.get("read an order");
        assertEquals("/orders/ord-100", read.url(read.onceValues()));
        assertEquals("Authorization", read.headerName(0));
        assertEquals("Bearer k", read.headerConstant(0));
        assertEquals("GET", read.method());

        RequestTemplate place = t.get("place an order");
        assertTrue(place.perVisitState());
        assertEquals(List.of("{\"state\":\"can order\",\"params\":{\"sku\":\"SKU-1\"},\"action\":\"setup\"}"),
                place.stateBodies());
        assertEquals(List.of("key", "qty"), place.variables());
        Object[] visit = {"idem-42", 3};
        int key = header(place, "Idempotency-Key");
        assertNull(place.headerConstant(key));
        assertEquals("idem-42", place.headerValue(key, visit));
        JsonNode first = JSON.readTree(place.body(visit));
        JsonNode second = JSON.readTree(place.body(visit));
        assertEquals("SKU-1", first.get("sku").asText());
        assertEquals(3, first.get("quantity").asInt(), "an INTEGER state value is a JSON number");
        assertTrue(first.get("quantity").isInt());
        assertTrue(first.get("ref").asText().matches("[0-9a-f-]{36}"), first.toString());
        assertNotEquals(first.get("ref"), second.get("ref"), "a fresh UUID for every request");
        assertTrue(first.at("/lines/0/id").isInt() && first.at("/lines/1/id").isInt(), first.toString());

        RequestTemplate search = t.get("search products");
        String url = search.url(search.onceValues());
        assertTrue(url.matches("/products\\?q=red\\+shoe&page=\\d+"), url);

        RequestTemplate missing = t.get("a missing product");
        assertEquals("/products/SKU-9", missing.url(missing.onceValues()));
        assertTrue(missing.url(new Object[0]) == missing.url(new Object[0]), "a request without slots allocates nothing");

        RequestTemplate cancel = t.get("cancel an order");
        assertEquals("/orders/ord-7", cancel.url(new Object[] {"ord-7"}));
        assertEquals("DELETE", cancel.method());
        assertTrue(!cancel.hasBody());
    }

    @Test
    void aStateThatCannotBeSetUpFailsWithTheProvidersAnswer() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/_state", exchange -> answer(exchange, 400, "{\"title\":\"Unknown provider state\"}"));
        provider.start();
        ContractTraffic traffic = traffic(contracts(null), Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> traffic.prepare(URI.create("http://127.0.0.1:" + provider.getAddress().getPort())));
        assertTrue(e.getMessage().contains("answered 400") && e.getMessage().contains("Unknown provider state"),
                e.getMessage());
    }

    @Test
    void theReferenceContractsAllBecomeTraffic() {
        ContractTraffic t = traffic(new ContractsSpec(true, Path.of("contracts"),
                "/_gauntlet/provider-state"), Map.of());
        assertEquals(12, t.replays().size());
        assertEquals(List.of(), t.leftOut());
        assertEquals(List.of("a request to place an order", "a request to cancel one of the caller's orders"),
                t.replays().stream().filter(r -> r.how() == Replay.How.STATE_PER_VISIT).map(Replay::interaction).toList());
        assertTrue(t.replays().stream().anyMatch(r -> r.operation().equals("DELETE /orders/{orderId}")));
    }

    private static int header(RequestTemplate t, String name) {
        for (int i = 0; i < t.headerCount(); i++) {
            if (t.headerName(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new AssertionError("no header " + name);
    }

    private void startProvider() throws IOException {
        AtomicInteger orders = new AtomicInteger(100);
        Map<String, Function<JsonNode, String>> states = Map.of(
                "an order exists", s -> "{\"orderId\": \"ord-" + orders.getAndIncrement() + "\"}",
                "can order", s -> "{\"key\": \"k-" + orders.getAndIncrement() + "\", \"qty\": 1}");
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/_state", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (stateCalls) {
                stateCalls.add(body);
            }
            JsonNode request = JSON.readTree(body);
            answer(exchange, 200, states.get(request.get("state").asText()).apply(request));
        });
        provider.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The traffic of {@code spec}'s contracts for orders-api, its inputs read as the gate reads them. */
    private static ContractTraffic traffic(ContractsSpec spec, Map<String, Double> mix) {
        return ContractTraffic.of(spec, ContractInputs.load(spec, "orders-api", URI.create("http://127.0.0.1:1")),
                "orders-api", mix);
    }
}
