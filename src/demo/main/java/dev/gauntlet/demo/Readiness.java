package dev.gauntlet.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether the Orders API can do all of its work: a daemon thread asks Payments' {@code /health} every 500 ms with a
 * 300 ms timeout; {@code GET /ready} answers 200 {@code {"status":"UP"}} while Payments answers, 503
 * {@code {"status":"DOWN"}} while it does not ({@code /health} stays the liveness check: the process answers). The
 * {@code health-always-up} defect answers UP whatever Payments does.
 */
final class Readiness {
    private static final Duration PERIOD = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final boolean alwaysUp;
    private volatile boolean paymentsUp = true;
    private volatile String paymentsProblem;

    private Readiness(boolean alwaysUp) {
        this.alwaysUp = alwaysUp;
    }

    static Readiness watch(URI paymentsUrl, boolean alwaysUp) {
        Readiness r = new Readiness(alwaysUp);
        String base = paymentsUrl.toString();
        URI health = URI.create((base.endsWith("/") ? base : base + "/") + "health");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(TIMEOUT).GET().build();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                r.check(http, request);
                try {
                    Thread.sleep(PERIOD.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "payments-readiness");
        t.setDaemon(true);
        t.start();
        return r;
    }

    private void check(HttpClient http, HttpRequest request) {
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            paymentsUp = status / 100 == 2;
            paymentsProblem = paymentsUp ? null : "Payments health answered " + status;
        } catch (IOException e) {
            paymentsUp = false;
            paymentsProblem = "Payments health: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean paymentsUp() {
        return paymentsUp;
    }

    /** The {@code /ready} answer: status code and body. */
    void answer(io.javalin.http.Context ctx) {
        boolean up = alwaysUp || paymentsUp;
        ctx.status(up ? 200 : 503).contentType(Json.JSON).result(Json.write(up
                ? Json.fields("status", "UP", "checks", Json.fields("payments", "UP"))
                : Json.fields("status", "DOWN", "checks", Json.fields("payments", "DOWN"), "detail", paymentsProblem)));
    }
}
