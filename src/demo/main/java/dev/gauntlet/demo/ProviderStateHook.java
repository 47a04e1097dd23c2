package dev.gauntlet.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only hook, mounted only with {@code --test-hooks} and absent from the OpenAPI document:
 * {@code POST /_gauntlet/provider-state} with {@code {"state": "...", "params": {...}, "action": "setup"|"teardown"}},
 * the body Pact JVM's state-change URL sends (or, without a body, {@code ?state=...&action=...}). It needs no API
 * key. It answers 200 with a JSON map whose values feed provider-state expressions such as {@code ${orderId}}:
 * <ul>
 *   <li>{@code products exist} → {@code {}} (the catalogue is fixed);</li>
 *   <li>{@code customer {name} has an order} → stores a CONFIRMED order of 1 × SKU-1 for that customer, without
 *       calling Payments, and returns {@code {"orderId": "ord-N"}};</li>
 *   <li>{@code customer {name} can order} → {@code {"idempotencyKey": "<fresh UUID>"}};</li>
 *   <li>any other state → 400 problem naming it; {@code teardown} of any state → {@code {}}.</li>
 * </ul>
 */
final class ProviderStateHook {

    static final String PATH = "/_gauntlet/provider-state";

    private static final Pattern HAS_AN_ORDER = Pattern.compile("customer (\\S+) has an order");
    private static final Pattern CAN_ORDER = Pattern.compile("customer (\\S+) can order");

    private final Catalogue catalogue;
    private final OrderStore store;

    ProviderStateHook(Catalogue catalogue, OrderStore store) {
        this.catalogue = catalogue;
        this.store = store;
    }

    void handle(Context ctx) {
        String state;
        String action;
        if (ctx.body().isBlank()) { // Pact JVM with stateChangeUsesBody=false sends query parameters instead
            state = Objects.requireNonNullElse(ctx.queryParam("state"), "");
            action = Objects.requireNonNullElse(ctx.queryParam("action"), "setup");
        } else {
            JsonNode body = Json.objectBody(ctx);
            state = body.path("state").asText("");
            action = body.path("action").asText("setup");
        }
        if (state.isBlank()) {
            throw Problem.badRequest("Field 'state' is required.");
        }
        if (action.equals("teardown")) {
            Json.respond(ctx, 200, Map.of());
            return;
        }
        if (!action.equals("setup")) {
            throw Problem.badRequest("Field 'action' must be 'setup' or 'teardown', was '" + action + "'.");
        }
        Json.respond(ctx, 200, setUp(state.trim()));
    }

    private Map<String, Object> setUp(String state) {
        if (state.equals("products exist")) {
            return Map.of();
        }
        Matcher hasOrder = HAS_AN_ORDER.matcher(state);
        if (hasOrder.matches()) {
            return Map.of("orderId", seedOrder(hasOrder.group(1)).id());
        }
        if (CAN_ORDER.matcher(state).matches()) {
            return Map.of("idempotencyKey", UUID.randomUUID().toString());
        }
        throw Problem.badRequest("Unknown provider state '" + state + "'. Known: 'products exist', "
                + "'customer {name} has an order', 'customer {name} can order'.");
    }

    private Order seedOrder(String customer) {
        Product product = catalogue.find("SKU-1").orElseThrow();
        Order order = new Order(store.nextId(), customer, product.sku(), 1, product.priceCents(), product.currency(),
                Order.Status.CONFIRMED, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store.save(order);
        return order;
    }
}
