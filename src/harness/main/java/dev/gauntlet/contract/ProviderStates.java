package dev.gauntlet.contract;

import au.com.dius.pact.core.model.ProviderState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provider states as Pact JVM's state-change URL sets them up: {@code POST} of {@code {"state", "params", "action"}}
 * to the provider's state-change path; a JSON object in the answer holds the values that {@code fromProviderState}
 * expressions read.
 */
final class ProviderStates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderStates() {
    }

    /** The body that sets {@code state} up. */
    static String setupBody(ProviderState state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state.getName());
        if (!state.getParams().isEmpty()) {
            body.put("params", state.getParams());
        }
        body.put("action", "setup");
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("provider state " + state.getName() + " has params that are not JSON", e);
        }
    }

    /**
     * Sets a state up once (before the load starts).
     *
     * @return the values the provider answered (empty when it answered no JSON object)
     * @throws IllegalStateException when the provider does not answer 2xx, with its answer
     */
    static Map<String, Object> setUp(HttpClient client, URI stateChange, String body) {
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(stateChange).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("provider state set-up POST " + stateChange + " " + body + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up provider state " + body, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("provider state set-up POST " + stateChange + " " + body
                    + " should answer 2xx, answered " + response.statusCode() + ": " + response.body());
        }
        return values(response.body());
    }

    /** The values of a state-change answer: its top-level fields when it is a JSON object. */
    static Map<String, Object> values(String answer) {
        try {
            JsonNode node = answer == null || answer.isBlank() ? null : JSON.readTree(answer);
            if (node == null || !node.isObject()) {
                return Map.of();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
            return out;
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
