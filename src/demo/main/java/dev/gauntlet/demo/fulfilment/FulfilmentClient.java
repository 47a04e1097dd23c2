package dev.gauntlet.demo.fulfilment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Fulfilment's read-only client of the Orders API: it reads only {@code id}, {@code sku}, {@code quantity} and
 * {@code status} of orders (a tolerant reader: other fields are ignored).
 */
public final class FulfilmentClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    public FulfilmentClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
    }

    public List<FulfilmentOrder> listOrders() {
        return get("/orders", Orders.class).items();
    }

    public FulfilmentOrder getOrder(String id) {
        return get("/orders/" + URLEncoder.encode(id, StandardCharsets.UTF_8), FulfilmentOrder.class);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Orders(List<FulfilmentOrder> items) {
    }

    private <T> T get(String path, Class<T> type) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new FulfilmentException(response.statusCode(),
                        "GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return MAPPER.readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }
}
