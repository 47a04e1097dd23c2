package dev.gauntlet.demo.storefront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storefront's contract with the Orders API. Together with the fulfilment contract it covers every operation
 * and mentions every field the API returns in a successful body (the gate's excessive-data-exposure check).
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "orders-api", pactVersion = PactSpecVersion.V4, hostInterface = "127.0.0.1")
public class StorefrontPactTest {

    private static final String AUTHORIZATION = "Bearer key-alice";
    private static final String JSON = "application/json(;.*)?";
    private static final String PROBLEM_JSON = "application/problem\\+json(;.*)?";

    // ---- products ----

    @Pact(consumer = "storefront")
    public V4Pact productPage(PactDslWithProvider builder) {
        PactDslJsonBody page = new PactDslJsonBody();
        product(page.minArrayLike("items", 1)).closeObject().closeArray();
        page.integerType("page", 1).integerType("size", 2).integerType("total", 50);
        return builder.given("products exist")
                .uponReceiving("a request for a page of products")
                .path("/products").query("page=1&size=2").method("GET")
                .headers("Authorization", AUTHORIZATION)
                .willRespondWith().status(200)
                .matchHeader("Content-Type", JSON, "application/json")
                .body(page)
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "productPage")
    void listsAPageOfProducts(MockServer server) {
        ProductPage page = client(server).listProducts(1, 2);

        assertEquals(1, page.page());
        assertEquals(2, page.size());
        assertEquals(50, page.total());
        assertEquals(new Product("SKU-1", "Sturdy Kettle", 1799, "EUR"), page.items().get(0));
    }

    @Pact(consumer = "storefront")
    public V4Pact oneProduct(PactDslWithProvider builder) {
        return builder.given("products exist")
                .uponReceiving("a request for one product")
                .path("/products/SKU-1").method("GET")
                .headers("Authorization", AUTHORIZATION)
                .willRespondWith().status(200)
                .matchHeader("Content-Type", JSON, "application/json")
                .body(product(new PactDslJsonBody()))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "oneProduct")
    void readsOneProduct(MockServer server) {
        assertEquals(new Product("SKU-1", "Sturdy Kettle", 1799, "EUR"), client(server).getProduct("SKU-1"));
    }

    @Pact(consumer = "storefront")
    public V4Pact unknownProduct(PactDslWithProvider builder) {
        PactDslResponse response = builder.given("products exist")
                .uponReceiving("a request for a product that does not exist")
                .path("/products/SKU-999").method("GET")
                .headers("Authorization", AUTHORIZATION)
                .willRespondWith().status(404);
        return problem(response, 404, "Not found", "No product with sku 'SKU-999'.").toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "unknownProduct")
    void unknownProductIsNotFound(MockServer server) {
        OrdersApiException e = assertThrows(OrdersApiException.class, () -> client(server).getProduct("SKU-999"));

        assertEquals(404, e.status());
        assertEquals("No product with sku 'SKU-999'.", e.detail());
    }

    // ---- placing orders ----

    @Pact(consumer = "storefront")
    public V4Pact placeOrder(PactDslWithProvider builder) {
        return builder.given("customer alice can order")
                .uponReceiving("a request to place an order")
                .path("/orders").method("POST")
                .headers("Authorization", AUTHORIZATION, "Content-Type", "application/json")
                .headerFromProviderState("Idempotency-Key", "${idempotencyKey}", "idem-123")
                .body(new PactDslJsonBody().stringType("sku", "SKU-1").integerType("quantity", 2))
                .willRespondWith().status(201)
                .matchHeader("Content-Type", JSON, "application/json")
                .matchHeader("Location", "/orders/ord-[0-9]+", "/orders/ord-17")
                .body(order(new PactDslJsonBody(), "CONFIRMED"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "placeOrder")
    void placesAndPaysAnOrder(MockServer server) {
        PlacedOrder placed = client(server).createOrder("SKU-1", 2, "idem-123");

        assertEquals(PlacedOrder.Outcome.CREATED, placed.outcome());
        assertEquals(Optional.of("/orders/ord-17"), placed.location());
        assertEquals(exampleOrder("CONFIRMED"), placed.order());
    }

    @Pact(consumer = "storefront")
    public V4Pact invalidQuantity(PactDslWithProvider builder) {
        PactDslResponse response = builder.given("products exist")
                .uponReceiving("a request to place an order of quantity 0")
                .path("/orders").method("POST")
                .headers("Authorization", AUTHORIZATION, "Content-Type", "application/json",
                        "Idempotency-Key", "idem-quantity-0")
                .body(new PactDslJsonBody().stringValue("sku", "SKU-1").numberValue("quantity", 0))
                .willRespondWith().status(400);
        return problem(response, 400, "Invalid request", "Field 'quantity' must be between 1 and 100, was 0.")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "invalidQuantity")
    void rejectsQuantityZero(MockServer server) {
        OrdersApiException e = assertThrows(OrdersApiException.class,
                () -> client(server).createOrder("SKU-1", 0, "idem-quantity-0"));

        assertEquals(400, e.status());
        assertEquals("Invalid request", e.title());
        assertFalse(e.isRateLimited());
    }

    // ---- reading and cancelling orders ----

    @Pact(consumer = "storefront")
    public V4Pact ownOrder(PactDslWithProvider builder) {
        return builder.given("customer alice has an order")
                .uponReceiving("a request for one of the caller's orders")
                .pathFromProviderState("/orders/${orderId}", "/orders/ord-17").method("GET")
                .headers("Authorization", AUTHORIZATION)
                .willRespondWith().status(200)
                .matchHeader("Content-Type", JSON, "application/json")
                .body(order(new PactDslJsonBody(), "CONFIRMED"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "ownOrder")
    void readsOwnOrder(MockServer server) {
        assertEquals(exampleOrder("CONFIRMED"), client(server).getOrder("ord-17"));
    }

    @Pact(consumer = "storefront")
    public V4Pact anotherCustomersOrder(PactDslWithProvider builder) {
        PactDslResponse response = builder.given("customer bob has an order")
                .uponReceiving("a request for another customer's order")
                .pathFromProviderState("/orders/${orderId}", "/orders/ord-18").method("GET")
                .headers("Authorization", AUTHORIZATION)
                .willRespondWith().status(404);
        return problem(response, 404, "Not found", "No order with id 'ord-18'.").toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "anotherCustomersOrder")
    void anotherCustomersOrderIsNotFound(MockServer server) {
        OrdersApiException e = assertThrows(OrdersApiException.class, () -> client(server).getOrder("ord-18"));

        assertEquals(404, e.status());
    }

    @Pact(consumer = "storefront")
    public V4Pact ownOrders(PactDslWithProvider builder) {
        PactDslJsonBody orders = new PactDslJsonBody();
        order(orders.minArrayLike("items", 1), "CONFIRMED").closeObject().closeArray();
        return builder.given("customer alice has an order")
                .uponReceiving("a request for the caller's orders")
                .path("/orders").method("GET")
                .headers("Authorization", AUTHORIZATION)
                .willRespondWith().status(200)
                .matchHeader("Content-Type", JSON, "application/json")
                .body(orders)
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "ownOrders")
    void listsOwnOrders(MockServer server) {
        assertEquals(List.of(exampleOrder("CONFIRMED")), client(server).listOrders());
    }

    @Pact(consumer = "storefront")
    public V4Pact cancelOrder(PactDslWithProvider builder) {
        return builder.given("customer alice has an order")
                .uponReceiving("a request to cancel one of the caller's orders")
                .pathFromProviderState("/orders/${orderId}", "/orders/ord-17").method("DELETE")
                .headers("Authorization", AUTHORIZATION)
                .willRespondWith().status(204)
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "cancelOrder")
    void cancelsOwnOrder(MockServer server) {
        client(server).cancelOrder("ord-17");
    }

    @Pact(consumer = "storefront")
    public V4Pact withoutApiKey(PactDslWithProvider builder) {
        PactDslResponse response = builder
                .uponReceiving("a request for orders without an API key")
                .path("/orders").method("GET")
                .willRespondWith().status(401)
                .matchHeader("WWW-Authenticate", "Bearer.*", "Bearer");
        return problem(response, 401, "Unauthorized", "An 'Authorization: Bearer <api key>' header is required.")
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "withoutApiKey")
    void refusedWithoutApiKey(MockServer server) {
        OrdersApiException e = assertThrows(OrdersApiException.class,
                () -> new OrdersClient(server.getUrl(), null).listOrders());

        assertEquals(401, e.status());
        assertTrue(e.retryAfter().isEmpty());
    }

    // ---- shapes ----

    private static OrdersClient client(MockServer server) {
        return new OrdersClient(server.getUrl(), "key-alice");
    }

    private static PactDslJsonBody product(PactDslJsonBody body) {
        return body.stringMatcher("sku", "SKU-[0-9]+", "SKU-1")
                .stringType("name", "Sturdy Kettle")
                .integerType("priceCents", 1799)
                .stringMatcher("currency", "[A-Z]{3}", "EUR");
    }

    private static PactDslJsonBody order(PactDslJsonBody body, String status) {
        return body.stringMatcher("id", "ord-[0-9]+", "ord-17")
                .stringMatcher("sku", "SKU-[0-9]+", "SKU-1")
                .integerType("quantity", 2)
                .integerType("totalCents", 3598)
                .stringMatcher("currency", "[A-Z]{3}", "EUR")
                .stringMatcher("status", "CONFIRMED|PENDING_PAYMENT|CANCELLED", status)
                .stringMatcher("createdAt", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z",
                        "2026-01-15T10:30:00Z");
    }

    private static Order exampleOrder(String status) {
        return new Order("ord-17", "SKU-1", 2, 3598, "EUR", status, Instant.parse("2026-01-15T10:30:00Z"));
    }

    private static PactDslResponse problem(PactDslResponse response, int status, String title, String detail) {
        return response.matchHeader("Content-Type", PROBLEM_JSON, "application/problem+json")
                .body(new PactDslJsonBody()
                        .integerType("status", status)
                        .stringType("title", title)
                        .stringType("detail", detail));
    }
}
