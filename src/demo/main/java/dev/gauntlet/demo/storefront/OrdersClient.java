package dev.gauntlet.demo.storefront;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import java.util.Objects;
import java.util.Optional;

/**
 * The storefront's client of the Orders API. Thread safe. Error answers become {@link OrdersApiException};
 * transport failures {@link UncheckedIOException}.
 */
public final class OrdersClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final URI baseUrl;
    private final String apiKey;
    private final HttpClient http;

    /**
     * @param baseUrl the API's base URL, e.g. {@code http://127.0.0.1:8080}
     * @param apiKey the caller's API key, or {@code null} to call without one
     */
    public OrdersClient(String baseUrl, String apiKey) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    public ProductPage listProducts(int page, int size) {
        return read(send(get("/products?page=" + page + "&size=" + size), 200), ProductPage.class);
    }

    public Product getProduct(String sku) {
        return read(send(get("/products/" + encode(sku)), 200), Product.class);
    }

    /** Places an order; see {@link PlacedOrder.Outcome} for the three successful answers. */
    public PlacedOrder createOrder(String sku, int quantity, String idempotencyKey) {
        String body = write(new OrderRequest(sku, quantity));
        HttpResponse<String> response = send(request("/orders")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)), 200, 201, 202);
        PlacedOrder.Outcome outcome = switch (response.statusCode()) {
            case 201 -> PlacedOrder.Outcome.CREATED;
            case 202 -> PlacedOrder.Outcome.PAYMENT_PENDING;
            default -> PlacedOrder.Outcome.REPLAYED;
        };
        return new PlacedOrder(read(response, Order.class), outcome, response.headers().firstValue("Location"));
    }

    public Order getOrder(String id) {
        return read(send(get("/orders/" + encode(id)), 200), Order.class);
    }

    public List<Order> listOrders() {
        return read(send(get("/orders"), 200), OrderList.class).items();
    }

    public void cancelOrder(String id) {
        send(request("/orders/" + encode(id)).DELETE(), 204);
    }

    private record OrderRequest(String sku, int quantity) {
    }

    private record OrderList(List<Order> items) {
    }

    private HttpRequest.Builder get(String pathAndQuery) {
        return request(pathAndQuery).GET();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int... expected) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Orders API unreachable at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the Orders API", e);
        }
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw error(response);
    }

    private static OrdersApiException error(HttpResponse<String> response) {
        String title = "";
        String detail = response.body();
        try {
            JsonNode problem = MAPPER.readTree(response.body());
            if (problem != null && problem.isObject()) {
                title = problem.path("title").asText("");
                detail = problem.path("detail").asText("");
            }
        } catch (IOException e) {
            // not a problem document: keep the raw body as the detail
        }
        Duration retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(OrdersClient::seconds).orElse(null);
        return new OrdersApiException(response.statusCode(), title, detail, retryAfter);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: not worth parsing for this client
        }
    }

    private static <T> T read(HttpResponse<String> response, Class<T> type) {
        try {
            return MAPPER.readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected body from the Orders API: " + response.body(), e);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
