package dev.gauntlet.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * HTTP-level faults on a WireMock server through its admin API: a global delay for latency, and for errors, resets
 * and garbage a set of top-priority stubs. Only a {@code fraction} of requests is hit: the stubs cycle through ten
 * scenario states, and in the healthy states they proxy the request back to the same server with a marker header
 * that the fault stubs ignore, so the normal stubs answer it.
 */
final class WireMockFaults {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String MARK = "X-Gauntlet-Passthrough";
    private static final int CYCLE = 10;

    private final URI admin;
    private final URI base;

    WireMockFaults(URI base) {
        this.base = base;
        this.admin = base.resolve("/__admin/");
    }

    /** Applies {@code f}; returns the ids of the stubs it added (empty for latency). */
    List<String> apply(FaultSpec f) {
        if (f.kind() == FaultSpec.Kind.LATENCY) {
            String delay = f.latencyMax() == null
                    ? "{\"fixedDelay\": " + f.latency().toMillis() + "}"
                    : "{\"delayDistribution\": {\"type\": \"uniform\", \"lower\": " + f.latency().toMillis()
                            + ", \"upper\": " + f.latencyMax().toMillis() + "}}";
            send("POST", "settings", delay);
            return List.of();
        }
        String scenario = "gauntlet-" + UUID.randomUUID();
        int hit = (int) Math.max(1, Math.round(f.fraction() * CYCLE));
        List<String> ids = new ArrayList<>();
        for (int state = 0; state < CYCLE; state++) {
            String id = UUID.randomUUID().toString();
            String response = state < hit ? faultResponse(f) : "{\"proxyBaseUrl\": \"" + base + "\", "
                    + "\"additionalProxyRequestHeaders\": {\"" + MARK + "\": \"1\"}}";
            String from = state == 0 ? "Started" : "s" + state;
            String to = state == CYCLE - 1 ? "Started" : "s" + (state + 1);
            send("POST", "mappings", String.format(Locale.ROOT, "{\"id\": \"%s\", \"priority\": 1, "
                    + "\"scenarioName\": \"%s\", \"requiredScenarioState\": \"%s\", \"newScenarioState\": \"%s\", "
                    + "\"request\": {\"urlPattern\": \".*\", \"method\": \"ANY\", \"headers\": {\"%s\": {\"absent\": true}}}, "
                    + "\"response\": %s}", id, scenario, from, to, MARK, response));
            ids.add(id);
        }
        return ids;
    }

    private static String faultResponse(FaultSpec f) {
        return switch (f.kind()) {
            case ERRORS -> "{\"status\": " + f.status() + ", \"headers\": {\"Content-Type\": \"application/json\"}, "
                    + "\"body\": \"{\\\"error\\\": \\\"injected by gauntlet\\\"}\"}";
            case RESET -> "{\"fault\": \"CONNECTION_RESET_BY_PEER\"}";
            case MALFORMED -> "{\"fault\": \"MALFORMED_RESPONSE_CHUNK\"}";
            default -> throw new IllegalArgumentException(f.kind() + " is not an HTTP fault");
        };
    }

    /** Reverts what {@link #apply} did. */
    void revert(FaultSpec f, List<String> ids) {
        if (f.kind() == FaultSpec.Kind.LATENCY) {
            send("POST", "settings", "{\"fixedDelay\": 0}");
        }
        for (String id : ids) {
            send("DELETE", "mappings/" + id, null);
        }
    }

    private void send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(admin.resolve(path)).timeout(Duration.ofSeconds(5));
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("WireMock admin " + method + " " + admin.resolve(path) + " should answer 2xx, answered "
                        + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("WireMock admin API at " + admin + " did not answer: " + e.getMessage()
                    + " (HTTP faults need a WireMock service)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
