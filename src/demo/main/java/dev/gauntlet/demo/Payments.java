package dev.gauntlet.demo;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Charges customers through the Payments service: {@code POST {paymentsUrl}/charges} with
 * {@code {"customer","amountCents","currency","reference"}}, expecting 201.
 *
 * <p>Resilient mode (the default): connect and request timeouts of 300 ms, a circuit breaker (opens at 50 %
 * failures over the last 20 calls, at least 10 calls, stays open 5 s) inside a bulkhead (25 concurrent calls, no
 * wait). Any failure, timeout, rejection, open circuit or full bulkhead yields {@code false}: the caller degrades.
 * Plain mode ({@code --no-resilience}): 30 s timeouts and nothing around the call.
 */
final class Payments {

    /** Payments answered, but not with 201; the breaker ignores these (the dependency is up). */
    static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** Payments could not be reached, timed out, or answered 5xx. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final URI chargesUrl;
    private final URI healthUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    /** Told of every failed call (the metrics count them). */
    private volatile Runnable failed = () -> { };

    private Payments(URI paymentsUrl, Duration timeout, CircuitBreaker breaker, Bulkhead bulkhead) {
        String base = paymentsUrl.toString();
        this.chargesUrl = URI.create((base.endsWith("/") ? base : base + "/") + "charges");
        this.healthUrl = URI.create((base.endsWith("/") ? base : base + "/") + "health");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.breaker = breaker;
        this.bulkhead = bulkhead;
    }

    static Payments resilient(URI paymentsUrl) {
        CircuitBreaker breaker = CircuitBreaker.of("payments", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(3)
                .ignoreExceptions(Rejected.class)
                .build());
        Bulkhead bulkhead = Bulkhead.of("payments", BulkheadConfig.custom()
                .maxConcurrentCalls(25)
                .maxWaitDuration(Duration.ZERO)
                .build());
        return new Payments(paymentsUrl, Duration.ofMillis(300), breaker, bulkhead);
    }

    static Payments plain(URI paymentsUrl) {
        return new Payments(paymentsUrl, Duration.ofSeconds(30), null, null);
    }

    /**
     * Loads the HTTP client and opens a pooled connection with {@code GET {paymentsUrl}/health}, so the first charge
     * of a fresh JVM does not spend its 300 ms on class loading. Runs on a daemon thread and retries for up to 30 s
     * while Payments is not up yet.
     */
    void warmUp() {
        HttpRequest request = HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(2)).GET().build();
        Thread warmer = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException e) {
                    sleepQuietly(Duration.ofMillis(200));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "payments-warm-up");
        warmer.setDaemon(true);
        warmer.start();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether Payments answers {@code GET /health} within 200 ms (the {@code fail-open-outage} defect asks). */
    boolean reachable() {
        try {
            return http.send(HttpRequest.newBuilder(healthUrl).timeout(Duration.ofMillis(200)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Charges once. Resilient mode: returns whether the charge succeeded, never throws for a Payments problem.
     * Plain mode: returns {@code true} or throws {@link Rejected}/{@link Unavailable}.
     */
    boolean charge(String customer, long amountCents, String currency, String reference) {
        Supplier<Boolean> call = () -> post(customer, amountCents, currency, reference);
        if (breaker == null) {
            try {
                return call.get();
            } catch (Unavailable e) {
                failed.run();
                throw e;
            }
        }
        try {
            return Bulkhead.decorateSupplier(bulkhead, CircuitBreaker.decorateSupplier(breaker, call)).get();
        } catch (Rejected e) {
            return false;
        } catch (Unavailable | CallNotPermittedException | BulkheadFullException e) {
            failed.run();
            return false;
        }
    }

    /** {@code listener} is told of every call that fails, times out or is not made (open circuit, full bulkhead). */
    void onFailure(Runnable listener) {
        failed = listener;
    }

    private boolean post(String customer, long amountCents, String currency, String reference) {
        String body = Json.write(Json.fields("customer", customer, "amountCents", amountCents,
                "currency", currency, "reference", reference));
        HttpRequest request = HttpRequest.newBuilder(chargesUrl)
                .timeout(timeout)
                .header("Content-Type", Json.JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new Unavailable("Payments timed out after " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new Unavailable("Payments unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while calling Payments", e);
        }
        if (response.statusCode() == 201) {
            return true;
        }
        if (response.statusCode() >= 500) {
            throw new Unavailable("Payments answered " + response.statusCode(), null);
        }
        throw new Rejected("Payments rejected the charge with " + response.statusCode());
    }
}
