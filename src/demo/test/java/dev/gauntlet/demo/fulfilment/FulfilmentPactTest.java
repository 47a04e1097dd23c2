package dev.gauntlet.demo.fulfilment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fulfilment's contract with the Orders API: it reads orders, and only id, sku, quantity and status of them. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "orders-api", pactVersion = PactSpecVersion.V4, hostInterface = "127.0.0.1")
public class FulfilmentPactTest {

    private static final String AUTHORIZATION = "Bearer key-alice";
    private static final String JSON = "application/json(;.*)?";

    @Pact(consumer = "fulfilment")
    public V4Pact orders(PactDslWithProvider builder) {
        PactDslJsonBody body = new PactDslJsonBody();
        order(body.minArrayLike("items", 1)).closeObject().closeArray();
        return builder.given("customer alice has an order")
                .uponReceiving("a request for the orders to fulfil")
                .path("/orders").method("GET")
                .headers("Authorization", AUTHORIZATION)
                .willRespondWith().status(200)
                .matchHeader("Content-Type", JSON, "application/json")
                .body(body)
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "orders")
    void listsOrdersToFulfil(MockServer server) {
        List<FulfilmentOrder> orders = new FulfilmentClient(server.getUrl(), "key-alice").listOrders();

        assertEquals(List.of(new FulfilmentOrder("ord-17", "SKU-1", 2, "CONFIRMED")), orders);
        assertTrue(orders.get(0).readyToShip());
    }

    @Pact(consumer = "fulfilment")
    public V4Pact oneOrder(PactDslWithProvider builder) {
        return builder.given("customer alice has an order")
                .uponReceiving("a request for one order to fulfil")
                .pathFromProviderState("/orders/${orderId}", "/orders/ord-17").method("GET")
                .headers("Authorization", AUTHORIZATION)
                .willRespondWith().status(200)
                .matchHeader("Content-Type", JSON, "application/json")
                .body(order(new PactDslJsonBody()))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "oneOrder")
    void readsOneOrderToFulfil(MockServer server) {
        FulfilmentOrder order = new FulfilmentClient(server.getUrl(), "key-alice").getOrder("ord-17");

        assertEquals(new FulfilmentOrder("ord-17", "SKU-1", 2, "CONFIRMED"), order);
    }

    private static PactDslJsonBody order(PactDslJsonBody body) {
        return body.stringMatcher("id", "ord-[0-9]+", "ord-17")
                .stringType("sku", "SKU-1")
                .integerType("quantity", 2)
                .stringMatcher("status", "CONFIRMED|PENDING_PAYMENT|CANCELLED", "CONFIRMED");
    }
}
