package dev.gauntlet.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * HTTP-level faults on a WireMock server through its admin API. Every kind is a set of stubs above the server's own
 * (at its highest priority, added last, so they win any tie) that match every request. For latency they proxy the
 * request back to the same server with a marker header the fault stubs ignore, carrying the delay: the delay adds to
 * whatever delay the stub that really answers sets itself (WireMock's global delay setting does not: a stub's own
 * delay replaces it). For errors, resets and garbage they answer in place of the server's stubs. Only a
 * {@code fraction} of requests is hit: the stubs cycle through ten scenario states, and in the healthy states they
 * proxy back without a fault.
 */
final class WireMockFaults {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks the request a fault stub proxies back to the server: the fault stubs ignore it. */
    static final String MARK = "X-Gauntlet-Passthrough";
    /** Marks a probe of the harness: counted apart from the requests that matter. */
    static final String PROBE = "X-Gauntlet-Probe";
    static final int CYCLE = 10;
    /** WireMock's priority of a stub that sets none. */
    private static final int DEFAULT_PRIORITY = 5;

    private final URI admin;
    private final URI base;

    WireMockFaults(URI base) {
        this.base = base;
        this.admin = base.resolve("/__admin/");
    }

    /**
     * The stubs one fault added.
     *
     * @param mark       the value of the stubs' {@code gauntlet} metadata (and their scenario's name)
     * @param faultStubs stubs that inject the fault
     * @param passStubs  stubs that let a request through unharmed (the part of the cycle outside {@code fraction})
     * @param priority   their priority
     */
    record Applied(String mark, Set<String> faultStubs, Set<String> passStubs, int priority) {
    }

    /** Applies {@code f}: adds its stubs above every stub the server has, in one import. */
    Applied apply(HttpFault f) {
        int priority = topPriority();
        String scenario = "gauntlet-" + UUID.randomUUID();
        int hit = (int) Math.max(1, Math.round(f.fraction() * CYCLE));
        Set<String> faults = new LinkedHashSet<>();
        Set<String> passes = new LinkedHashSet<>();
        List<String> mappings = new ArrayList<>();
        for (int state = 0; state < CYCLE; state++) {
            String id = UUID.randomUUID().toString();
            String response = state < hit ? faultResponse(f) : passThrough(null);
            String from = state == 0 ? "Started" : "s" + state;
            String to = state == CYCLE - 1 ? "Started" : "s" + (state + 1);
            mappings.add(String.format(Locale.ROOT, "{\"id\": \"%s\", \"priority\": %d, "
                    + "\"scenarioName\": \"%s\", \"requiredScenarioState\": \"%s\", \"newScenarioState\": \"%s\", "
                    + "\"request\": {\"urlPattern\": \".*\", \"method\": \"ANY\", \"headers\": {\"%s\": {\"absent\": true}}}, "
                    + "\"response\": %s, \"metadata\": {\"gauntlet\": \"%s\"}}", id, priority, scenario, from, to, MARK,
                    response, scenario));
            (state < hit ? faults : passes).add(id);
        }
        send("POST", "mappings/import", "{\"mappings\": [" + String.join(", ", mappings) + "], "
                + "\"importOptions\": {\"duplicatePolicy\": \"OVERWRITE\", \"deleteAllNotInImport\": false}}");
        return new Applied(scenario, faults, passes, priority);
    }

    /** The highest priority (lowest number) of the server's stubs, and never lower than WireMock's usual top, 1. */
    private int topPriority() {
        int top = 1;
        for (JsonNode m : json(send("GET", "mappings", null)).path("mappings")) {
            top = Math.min(top, m.path("priority").asInt(DEFAULT_PRIORITY));
        }
        return top;
    }

    private String passThrough(String delay) {
        return "{\"proxyBaseUrl\": \"" + base + "\", \"additionalProxyRequestHeaders\": {\"" + MARK + "\": \"1\"}"
                + (delay == null ? "" : ", " + delay) + "}";
    }

    private String faultResponse(HttpFault f) {
        return switch (f.kind()) {
            case LATENCY -> passThrough(f.latencyMax() == null
                    ? "\"fixedDelayMilliseconds\": " + f.latency().toMillis()
                    : "\"delayDistribution\": {\"type\": \"uniform\", \"lower\": " + f.latency().toMillis()
                            + ", \"upper\": " + f.latencyMax().toMillis() + "}");
            case ERRORS -> "{\"status\": " + f.status() + ", \"headers\": {\"Content-Type\": \"application/json\"}, "
                    + "\"body\": \"{\\\"error\\\": \\\"injected by gauntlet\\\"}\"}";
            case RESET -> "{\"fault\": \"CONNECTION_RESET_BY_PEER\"}";
            case MALFORMED -> "{\"fault\": \"MALFORMED_RESPONSE_CHUNK\"}";
        };
    }

    /** Removes the stubs {@link #apply} added, in one request (they carry the fault's mark in their metadata). */
    void revert(Applied applied) {
        send("POST", "mappings/remove-by-metadata", "{\"matchesJsonPath\": {\"expression\": \"$.gauntlet\", "
                + "\"equalTo\": \"" + applied.mark() + "\"}}");
    }

    /**
     * The request journal since {@code sinceEpochMillis} (newest first), or null when the server keeps none
     * ({@code --no-request-journal}).
     */
    JsonNode journal(long sinceEpochMillis) {
        HttpResponse<String> r = exchange("GET", "requests?since=" + Instant.ofEpochMilli(sinceEpochMillis), null);
        if (r.statusCode() / 100 != 2 && r.body().contains("RequestJournalDisabled")) {
            return null;
        }
        return json(checked(r, "GET", "requests")).path("requests");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("WireMock admin API answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    private String send(String method, String path, String json) {
        return checked(exchange(method, path, json), method, path);
    }

    private String checked(HttpResponse<String> r, String method, String path) {
        if (r.statusCode() / 100 != 2) {
            String body = r.body();
            throw new IllegalStateException("WireMock admin API " + method + " " + admin.resolve(path) + " should answer 2xx, "
                    + "answered " + r.statusCode() + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body)
                    + " (HTTP faults need a WireMock service)");
        }
        return r.body();
    }

    private HttpResponse<String> exchange(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(admin.resolve(path)).timeout(Duration.ofSeconds(5));
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("WireMock admin API at " + admin + " did not answer: " + e.getMessage()
                    + " (HTTP faults need a WireMock service)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
