package simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.gauntlet.load.LoadRun;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Traffic of the reference Orders API: customers (several API keys) browse the catalogue, look at products,
 * order with unique idempotency keys, read and cancel their orders. One arrival = one visit.
 */
public final class OrdersTraffic {
    private OrdersTraffic() {
    }

    /** Settings read: {@code apiKeys} (comma-separated), {@code skus} (catalogue size). */
    public static ScenarioBuilder shoppers(LoadRun run) {
        List<String> keys = run.list("apiKeys", "key-alice,key-bob,key-carol",
                "API keys the visitors use, one picked at random per visit");
        int skus = (int) run.number("skus", 50, "catalogue size: visitors pick SKU-1 to SKU-n");
        Iterator<Map<String, Object>> visitors = Stream.generate(() -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            return Map.<String, Object>of(
                    "auth", "Bearer " + keys.get(r.nextInt(keys.size())),
                    "sku", "SKU-" + (1 + r.nextInt(skus)),
                    "idempotencyKey", UUID.randomUUID().toString());
        }).iterator();

        ChainBuilder browse = run.request("GET /products",
                http("GET /products").get("/products?page=1&size=20").header("Authorization", "#{auth}"));
        ChainBuilder product = run.request("GET /products/{sku}",
                http("GET /products/{sku}").get("/products/#{sku}").header("Authorization", "#{auth}"));
        ChainBuilder order = run.request("POST /orders",
                http("POST /orders").post("/orders")
                        .header("Authorization", "#{auth}")
                        .header("Idempotency-Key", "#{idempotencyKey}")
                        .body(StringBody("{\"sku\":\"#{sku}\",\"quantity\":1}")).asJson()
                        .check(jsonPath("$.id").optional().saveAs("orderId")));
        ChainBuilder readOrder = run.request("GET /orders/{id}",
                http("GET /orders/{id}").get("/orders/#{orderId}").header("Authorization", "#{auth}"));
        ChainBuilder cancelOrder = run.request("DELETE /orders/{id}",
                http("DELETE /orders/{id}").delete("/orders/#{orderId}").header("Authorization", "#{auth}"));
        ChainBuilder listOrders = run.request("GET /orders",
                http("GET /orders").get("/orders").header("Authorization", "#{auth}"));

        return scenario("shoppers").feed(visitors).randomSwitch().on(
                percent(35).then(browse),
                percent(30).then(product),
                percent(15).then(order.doIf(s -> s.contains("orderId")).then(readOrder)),
                percent(10).then(listOrders),
                percent(10).then(order.doIf(s -> s.contains("orderId")).then(cancelOrder)));
    }
}
