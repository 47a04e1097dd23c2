package dev.gauntlet.monitor;

import dev.gauntlet.slo.Monitoring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gauntlet.slo.Objective;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poller against a real endpoint on 127.0.0.1: what it records of health answers and of a metric. */
class MonitorTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void recordsHealthAnswersAndMetricValuesUntilStopped() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(true);
        AtomicInteger errors = new AtomicInteger(5);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger readyAsked = new AtomicInteger();
        AtomicInteger metricsAsked = new AtomicInteger();
        server.createContext("/ready", x -> {
            send(x, ready.get() ? 200 : 503, "{\"status\":\"" + (ready.get() ? "UP" : "DOWN") + "\"}");
            readyAsked.incrementAndGet();
        });
        server.createContext("/metrics", x -> {
            send(x, 200, "# TYPE errors_total counter\nerrors_total " + errors.get() + "\n");
            metricsAsked.incrementAndGet();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Monitoring health = new Monitoring("ready", Monitoring.Signal.HEALTH, null,
                "/ready", null, Duration.ofSeconds(5));
        Monitoring metric = new Monitoring("errors", Monitoring.Signal.METRICS, "api",
                "/metrics", "errors_total", null);
        Monitoring missing = new Monitoring("absent", Monitoring.Signal.METRICS, null,
                "/metrics", "absent_total", null);
        Monitor m = Monitor.start(List.of(health, metric, missing), service -> base, Duration.ofMillis(20));
        Map<String, List<Poll>> polls;
        try {
            waitFor(() -> readyAsked.get() >= 2 && metricsAsked.get() >= 4);
            ready.set(false);
            errors.set(9);
            int r = readyAsked.get();
            int mAsked = metricsAsked.get();
            waitFor(() -> readyAsked.get() >= r + 2 && metricsAsked.get() >= mAsked + 4);
        } finally {
            polls = m.stop();
        }
        List<Poll> h = polls.get("ready");
        assertTrue(h.stream().anyMatch(Poll::up) && h.stream().anyMatch(p -> !p.up() && p.status() == 503
                && "status DOWN".equals(p.note())), h.toString());
        List<Poll> v = polls.get("errors");
        assertEquals(5.0, v.get(0).value(), v.toString());
        assertEquals(9.0, v.get(v.size() - 1).value(), v.toString());
        Poll absent = polls.get("absent").get(0);
        assertNull(absent.value());
        assertTrue(absent.note().contains("no series absent_total"), absent.toString());
        assertNull(Monitor.start(List.of(), s -> base), "nothing to poll: no thread");
    }

    /** Waits until {@code done} (the endpoints were asked often enough), at most a minute. */
    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(done.getAsBoolean(), "the endpoints were not polled within a minute");
    }
}
