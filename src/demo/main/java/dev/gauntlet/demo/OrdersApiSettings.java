package dev.gauntlet.demo;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * How one Orders API instance runs.
 *
 * @param rateLimit requests per second per API key; 0 turns the limiter off
 * @param resilient timeouts of 300 ms, circuit breaker and bulkhead around Payments, and a degraded 202 answer;
 *     {@code false} means 30 s timeouts, nothing around the call, and 502 when Payments fails
 * @param slow operations slowed by a fixed delay ({@code --slow-operation})
 * @param databaseUrl JDBC URL of the PostgreSQL database orders are kept in, or null to keep them in memory
 */
record OrdersApiSettings(int port, URI paymentsUrl, boolean testHooks, int rateLimit, boolean resilient,
        Set<Defect> defects, SlowOperations slow, String databaseUrl) {

    OrdersApiSettings(int port, URI paymentsUrl, boolean testHooks, int rateLimit, boolean resilient,
            Set<Defect> defects) {
        this(port, paymentsUrl, testHooks, rateLimit, resilient, defects, SlowOperations.none(), null);
    }

    OrdersApiSettings {
        Objects.requireNonNull(paymentsUrl, "paymentsUrl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (rateLimit < 0) {
            throw new IllegalArgumentException("rateLimit must be >= 0, was " + rateLimit);
        }
        defects = Set.copyOf(defects);
        slow = slow == null ? SlowOperations.none() : slow;
    }

    boolean has(Defect defect) {
        return defects.contains(defect);
    }
}
