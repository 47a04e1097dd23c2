package dev.gauntlet.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The product and order operations of the Orders API; each runs for an authenticated customer. */
final class ShopHandlers {

    static final int MAX_QUANTITY = 100;
    static final int MAX_PAGE_SIZE = 100;
    /** GET /orders lists the caller's newest orders, at most this many (keeps the body small under load). */
    static final int MAX_LISTED_ORDERS = 100;

    /** Delay of the {@code slow-rare-operation} defect. */
    static final int SLOW_LIST_MILLIS = 100;

    private final java.util.concurrent.atomic.AtomicLong placed = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong productAnswers = new java.util.concurrent.atomic.AtomicLong();
    private final OrdersApiSettings settings;
    private final Catalogue catalogue;
    private final OrderStore store;
    private final Payments payments;
    private final HttpCaching caching;

    ShopHandlers(OrdersApiSettings settings, Catalogue catalogue, OrderStore store, Payments payments,
                 HttpCaching caching) {
        this.settings = settings;
        this.caching = caching;
        this.catalogue = catalogue;
        this.store = store;
        this.payments = payments;
    }

    void listProducts(Context ctx, String customer) throws InterruptedException {
        int page = intParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int size = intParam(ctx, "size", 20, 1, settings.has(Defect.UNBOUNDED_PAGE) ? Integer.MAX_VALUE : MAX_PAGE_SIZE);
        if (settings.has(Defect.SLOW)) {
            Thread.sleep(250);
        }
        caching.respond(ctx, Json.fields("items", catalogue.page(page, size), "page", page, "size", size,
                "total", catalogue.total()), HttpCaching.Scope.CATALOGUE);
    }

    void getProduct(Context ctx, String customer) {
        String sku = ctx.pathParam("sku");
        if (settings.has(Defect.PATH_INJECTION_500) && sku.indexOf('\'') >= 0) {
            throw new IllegalStateException("unterminated quoted string in the catalogue lookup"); // the defect
        }
        Product product = catalogue.find(sku).orElseThrow(() -> Problem.notFound("No product with sku '" + sku + "'."));
        long n = productAnswers.incrementAndGet();
        if (settings.has(Defect.WRONG_BODY_UNDER_LOAD) && n > 50 && n % 20 == 0) {
            Json.respond(ctx, 200, Json.fields("sku", product.sku(), "name", product.name(),
                    "priceCents", String.format(java.util.Locale.ROOT, "%d.%02d", product.priceCents() / 100,
                            product.priceCents() % 100), "currency", product.currency()));
            return;
        }
        caching.respond(ctx, product, HttpCaching.Scope.CATALOGUE);
    }

    /**
     * Places an order and charges it through Payments. 201 + Location when charged; 200 with the same order when
     * the (customer, Idempotency-Key) pair was seen before (no second charge).
     *
     * <p>Degraded answer: when Payments fails, times out, rejects the charge, or the circuit breaker is open or the
     * bulkhead full, the order is still stored, in status PENDING_PAYMENT, and the answer is 202 + Location. Without
     * resilience ({@code --no-resilience}) a Payments failure is a 502 problem and nothing is stored.
     */
    void createOrder(Context ctx, String customer) {
        String idempotencyKey = ctx.header("Idempotency-Key");
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw Problem.badRequest("The Idempotency-Key header is required.");
        }
        JsonNode body = Json.objectBody(ctx);
        JsonNode skuNode = body.get("sku");
        if (settings.has(Defect.MISSING_FIELD_500)) { // no presence checks: a missing field is a NullPointerException
            skuNode = skuNode.isTextual() ? skuNode : null;
            body.get("quantity").asInt();
        }
        if (skuNode == null || !skuNode.isTextual() || skuNode.asText().isBlank()) {
            throw Problem.badRequest("Field 'sku' is required and must be a non-empty string.");
        }
        JsonNode quantityNode = body.get("quantity");
        if (quantityNode == null || !quantityNode.canConvertToExactIntegral() || !quantityNode.canConvertToInt()) {
            throw Problem.badRequest("Field 'quantity' is required and must be an integer.");
        }
        int quantity = quantityNode.intValue();
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw Problem.badRequest("Field 'quantity' must be between 1 and " + MAX_QUANTITY + ", was " + quantity
                    + ".");
        }
        Order.Delivery delivery = delivery(body.get("delivery"));
        String sku = skuNode.asText();
        Product product = catalogue.find(sku)
                .orElseThrow(() -> Problem.badRequest("Unknown sku '" + sku + "'."));
        OrderStore.Placement placement = store.place(customer, idempotencyKey.trim(), id -> {
            long total = product.priceCents() * quantity;
            boolean charged = charge(customer, total, product.currency(), id);
            return new Order(id, customer, sku, quantity, total, product.currency(),
                    charged ? Order.Status.CONFIRMED : Order.Status.PENDING_PAYMENT,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), delivery);
        });
        Order order = placement.order();
        if (settings.has(Defect.LOSE_WRITES) && !placement.replayed() && placed.incrementAndGet() % 25 == 0) {
            store.forget(order);
        }
        JsonNode assigned = body.get("status");
        if (settings.has(Defect.MASS_ASSIGNMENT) && !placement.replayed() && assigned != null && assigned.isTextual()
                && java.util.Arrays.stream(Order.Status.values()).anyMatch(s -> s.name().equals(assigned.asText()))) {
            order = store.assign(order.withStatus(Order.Status.valueOf(assigned.asText())));
        }
        if (!placement.replayed()) {
            ctx.header("Location", "/orders/" + order.id());
        }
        int status = placement.replayed() ? 200 : order.status() == Order.Status.PENDING_PAYMENT ? 202 : 201;
        Json.respond(ctx, status, view(order));
    }

    /**
     * The optional {@code delivery} of an order request: {@code address} is the caller's; {@code verified} is the
     * API's own finding (false until the address is checked) — unless the {@code nested-mass-assignment} defect
     * takes it from the request.
     */
    private Order.Delivery delivery(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw Problem.badRequest("Field 'delivery' must be an object.");
        }
        JsonNode address = node.get("address");
        if (address != null && !address.isNull() && !address.isTextual()) {
            throw Problem.badRequest("Field 'delivery.address' must be a string.");
        }
        boolean verified = settings.has(Defect.NESTED_MASS_ASSIGNMENT) && node.path("verified").asBoolean(false);
        return new Order.Delivery(address == null || address.isNull() ? null : address.asText(), verified);
    }

    private boolean charge(String customer, long totalCents, String currency, String orderId) {
        if (settings.resilient()) {
            return payments.charge(customer, totalCents, currency, orderId);
        }
        try {
            return payments.charge(customer, totalCents, currency, orderId);
        } catch (Payments.Rejected | Payments.Unavailable e) {
            throw Problem.badGateway(e.getMessage());
        }
    }

    void getOrder(Context ctx, String customer) {
        caching.respond(ctx, view(ownOrder(ctx, customer)), HttpCaching.Scope.CUSTOMER);
    }

    void listOrders(Context ctx, String customer) throws InterruptedException {
        if (settings.has(Defect.SLOW_RARE_OPERATION)) {
            Thread.sleep(SLOW_LIST_MILLIS);
        }
        List<Order> orders = settings.has(Defect.LIST_LEAK) ? store.listAll(MAX_LISTED_ORDERS)
                : store.list(customer, MAX_LISTED_ORDERS);
        List<Map<String, Object>> items = orders.stream().map(this::view).toList();
        caching.respond(ctx, Map.of("items", items), HttpCaching.Scope.CUSTOMER);
    }

    void cancelOrder(Context ctx, String customer) {
        String id = ctx.pathParam("id");
        boolean failOpen = settings.has(Defect.FAIL_OPEN_OUTAGE) && !payments.reachable(); // the defect: no answer
        String owner = settings.has(Defect.BOLA_CANCEL) || failOpen   // from Payments, so no ownership check
                ? store.ownerOf(id).orElse(customer) : customer; // the defect: no check that the caller owns it
        store.cancel(owner, id).orElseThrow(() -> orderNotFound(id));
        ctx.status(204);
        ctx.res().setContentType(null); // no body, so no Content-Type (Javalin presets text/plain)
    }

    /** Only with the {@code auth-bypass} defect: {@code GET /orders/{id}} for a caller without a known API key. */
    void getAnyOrder(Context ctx) {
        String id = ctx.pathParam("id");
        Json.respond(ctx, 200, view(store.ownerOf(id).flatMap(owner -> store.find(owner, id))
                .orElseThrow(() -> orderNotFound(id))));
    }

    /** {@code GET /admin/customers}: every customer and how many orders they have (the admin role only). */
    void customers(Context ctx, String admin) {
        List<Map<String, Object>> items = store.customers().entrySet().stream()
                .map(e -> Json.fields("customer", e.getKey(), "orders", e.getValue())).toList();
        Json.respond(ctx, 200, Map.of("items", items));
    }

    /** Only with the {@code new-endpoint} defect. */
    void invoice(Context ctx, String customer) {
        Order order = ownOrder(ctx, customer);
        Json.respond(ctx, 200, Json.fields("orderId", order.id(), "totalCents", order.totalCents(),
                "currency", order.currency(), "issuedAt", order.createdAt().toString()));
    }

    private Order ownOrder(Context ctx, String customer) {
        String id = ctx.pathParam("id");
        return store.find(customer, id).orElseThrow(() -> orderNotFound(id));
    }

    private static Problem orderNotFound(String id) {
        return Problem.notFound("No order with id '" + id + "'.");
    }

    /** The order body; seeded defects rename or add fields here. */
    private Map<String, Object> view(Order order) {
        Map<String, Object> body = Json.fields("id", order.id(), "sku", order.sku(), "quantity", order.quantity(),
                settings.has(Defect.RENAME_FIELD) ? "totalAmountCents" : "totalCents", order.totalCents(),
                "currency", order.currency(), "status", order.status().name(),
                "createdAt", order.createdAt().toString());
        if (order.delivery() != null) {
            body.put("delivery", Json.fields("address", order.delivery().address(), "verified",
                    order.delivery().verified()));
        }
        if (settings.has(Defect.LEAK_FIELD)) {
            body.put("internalCostCents", order.totalCents() * 6 / 10);
        }
        return body;
    }

    private static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Problem.badRequest("Query parameter '" + name + "' must be an integer between " + min + " and " + max
                + ", was '" + raw + "'.");
    }
}
