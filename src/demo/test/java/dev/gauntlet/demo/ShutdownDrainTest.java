package dev.gauntlet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * While the Orders API drains before it stops (SIGTERM with {@code --shutdown-drain}), {@code GET /health} answers 503
 * so a load balancer takes the replica out, and work is still done; the {@code health-up-while-draining} defect does
 * it the other way round.
 */
class ShutdownDrainTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static int status(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer key-alice").timeout(Duration.ofSeconds(5)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The status of GET /health and GET /products before and while draining. */
    private static int[] drain(Set<Defect> defects) throws Exception {
        AtomicBoolean draining = new AtomicBoolean();
        // Payments is not there: nothing here calls it
        OrdersApiSettings settings = new OrdersApiSettings(0, URI.create("http://127.0.0.1:9/"), false, 0, true,
                defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects));
        Demo.Server server = OrdersApi.start(settings, draining);
        try {
            int healthBefore = status(server.port(), "/health");
            int workBefore = status(server.port(), "/products");
            draining.set(true);
            return new int[] {healthBefore, workBefore, status(server.port(), "/health"), status(server.port(), "/products")};
        } finally {
            server.close();
        }
    }

    @Test
    void whileDrainingHealthSaysSoAndWorkIsStillDone() throws Exception {
        int[] s = drain(Set.of());
        assertEquals(200, s[0]);
        assertEquals(200, s[1]);
        assertEquals(503, s[2], "the balancer's check sees the replica going");
        assertEquals(200, s[3], "requests already routed to it are still served");
    }

    @Test
    void theDefectKeepsHealthUpWhileRefusingWork() throws Exception {
        int[] s = drain(Set.of(Defect.HEALTH_UP_WHILE_DRAINING));
        assertEquals(200, s[0]);
        assertEquals(200, s[1]);
        assertEquals(200, s[2], "health still UP");
        assertEquals(503, s[3], "no work done");
    }
}
