package dev.gauntlet.demo;

import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Defects the Orders API can be started with, so tests can prove that the gate catches each kind. */
enum Defect {
    /** Order bodies say {@code totalAmountCents} instead of {@code totalCents}: a breaking contract change. */
    RENAME_FIELD("rename-field"),
    /** Order bodies gain {@code internalCostCents}: excessive data exposure. */
    LEAK_FIELD("leak-field"),
    /** Adds {@code GET /orders/{id}/invoice}, documented in the OpenAPI doc but used by no consumer. */
    NEW_ENDPOINT("new-endpoint"),
    /** Adds 250 ms to {@code GET /products}: a latency regression. */
    SLOW("slow"),
    /** Every 25th order placed is answered 201 + id but never stored: acknowledged writes lost. */
    LOSE_WRITES("lose-writes"),
    /** After the first 50, every 20th 200 of {@code GET /products/{sku}} has {@code priceCents} as "17.99". */
    WRONG_BODY_UNDER_LOAD("wrong-body-under-load"),
    /** Adds {@value ShopHandlers#SLOW_LIST_MILLIS} ms to {@code GET /orders}, a lesser-used operation: ~10x its p95. */
    SLOW_RARE_OPERATION("slow-rare-operation"),
    /** {@code DELETE /orders/{id}} cancels any customer's order: broken object-level authorization (OWASP API1). */
    BOLA_CANCEL("bola-cancel"),
    /** {@code POST /orders} without {@code sku} or {@code quantity} fails with a 500 showing a stack trace. */
    MISSING_FIELD_500("missing-field-500"),
    /** {@code POST /orders} stores a {@code status} sent in the request body: mass assignment (OWASP API3). */
    MASS_ASSIGNMENT("mass-assignment"),
    /** {@code GET /orders/{id}} answers any order to a caller with a missing or unknown API key (OWASP API2). */
    AUTH_BYPASS("auth-bypass"),
    /** Keeps an audit entry of a few KB for every answered request, never evicted: memory grows with traffic. */
    LEAK_MEMORY("leak-memory"),
    /** {@code GET /orders} lists every customer's orders: object-level authorization on a collection (API1). */
    LIST_LEAK("list-leak"),
    /** {@code GET /products} honours any page size (no maximum), echoing it: unrestricted resource consumption (API4). */
    UNBOUNDED_PAGE("unbounded-page"),
    /** {@code GET /admin/customers} answers any customer, not only the admin role: function-level authorization (API5). */
    ROLE_BYPASS("role-bypass"),
    /** {@code GET /products/{sku}} with a quote in the sku fails with a 500 (an unescaped lookup). */
    PATH_INJECTION_500("path-injection-500"),
    /** Every answer allows the request's Origin, with credentials: security misconfiguration (API8). */
    REFLECTED_CORS("reflected-cors"),
    /** {@code PATCH /orders/{id}}, not in the OpenAPI document, answers 200: improper inventory (API9). */
    UNDOCUMENTED_METHOD("undocumented-method"),
    /** Any {@code Bearer key-<name>} is accepted as customer {@code <name>}: a forged token accepted (API2). */
    FORGED_TOKEN("forged-token"),
    /** {@code POST /orders} stores {@code delivery.verified} from the request: nested mass assignment (API3). */
    NESTED_MASS_ASSIGNMENT("nested-mass-assignment"),
    /**
     * {@code DELETE /orders/{id}} asks Payments whether the caller may void the order's charge, and skips the
     * ownership check when Payments does not answer: authorization that fails open during a Payments outage.
     */
    FAIL_OPEN_OUTAGE("fail-open-outage"),
    /** A customer's orders are answered {@code Cache-Control: public, max-age=60}: a shared cache may serve them to anyone. */
    PUBLIC_CACHE("public-cache"),
    /** GET answers carry an {@code ETag} but are written past Javalin's own 304 handling: {@code If-None-Match} never honoured. */
    ETAG_IGNORED("etag-ignored"),
    /** {@code GET /orders} is answered from a cache keyed by the URL alone for 1 s: one customer's orders to another. */
    CACHE_IGNORES_CALLER("cache-ignores-caller"),
    /** {@code GET /ready} answers UP whatever Payments does. */
    HEALTH_ALWAYS_UP("health-always-up"),
    /** {@code orders_payments_errors_total} never counts a failed Payments call. */
    METRICS_FROZEN("metrics-frozen"),
    /** The order store has no statement, socket or pool-wait timeout: a database that stops answering hangs requests. */
    DB_NO_TIMEOUT("db-no-timeout"),
    /**
     * The order store's pool has no bound (and so no limit on the wait for a connection): when the database stops
     * answering, every request waits for a connection of its own being opened.
     */
    DB_UNBOUNDED_POOL("db-unbounded-pool"),
    /** Orders are acknowledged when queued and committed in batches later; a batch that fails is lost. */
    DB_ACK_BEFORE_COMMIT("db-ack-before-commit"),
    /**
     * On SIGTERM the replica stops taking work (503) for its {@code --shutdown-drain} while {@code GET /health} still
     * answers 200: behind a load balancer, the requests still sent to it fail (a replica loss that is not seamless).
     */
    HEALTH_UP_WHILE_DRAINING("health-up-while-draining");

    final String flag;

    Defect(String flag) {
        this.flag = flag;
    }

    static final class Converter implements ITypeConverter<Defect> {
        @Override
        public Defect convert(String value) {
            return Arrays.stream(values()).filter(d -> d.flag.equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown defect '" + value + "', expected one of "
                            + Arrays.stream(values()).map(d -> d.flag).collect(Collectors.joining(", "))));
        }
    }

    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(d -> d.flag).iterator();
        }
    }
}
