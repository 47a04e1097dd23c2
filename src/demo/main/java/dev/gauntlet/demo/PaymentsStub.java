package dev.gauntlet.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

/**
 * The Payments dependency: a WireMock server on 127.0.0.1 with {@code POST /charges} → 201
 * {@code {"id":"ch_...","status":"succeeded"}} after a fixed delay, and {@code GET /health} → 200. The request
 * journal keeps the last {@value #JOURNAL_ENTRIES} requests (unbounded it would grow without limit under load): the
 * gate reads it to show that a fault took effect. The admin API under {@code /__admin} stays available.
 */
final class PaymentsStub {

    private static final int CONTAINER_THREADS = 64;
    private static final int JOURNAL_ENTRIES = 2000;

    private PaymentsStub() {
    }

    static Demo.Server start(int port, int delayMs) throws IOException {
        // An empty root of its own, so mappings/ or __files/ in the working directory are never picked up.
        Path root = Files.createTempDirectory("gauntlet-payments-");
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .port(port)
                .withRootDirectory(root.toString())
                .maxRequestJournalEntries(JOURNAL_ENTRIES)
                .containerThreads(CONTAINER_THREADS)
                .notifier(new ConsoleNotifier(false)));
        server.stubFor(post(urlPathEqualTo("/charges")).willReturn(aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"ch_{{randomValue length=16 type='ALPHANUMERIC' lowercase=true}}\","
                        + "\"status\":\"succeeded\"}")
                .withTransformers("response-template")
                .withFixedDelay(delayMs)));
        server.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"UP\"}")));
        try {
            server.start();
        } catch (RuntimeException e) {
            deleteQuietly(root);
            throw e;
        }
        warmUp(server.port());
        return Demo.Server.of(server.port(), () -> {
            server.stop();
            deleteQuietly(root);
        });
    }

    /** One charge against itself so the first real one does not pay for template compilation. */
    private static void warmUp(int port) {
        HttpRequest charge = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/charges"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customer\":\"warm-up\",\"amountCents\":0,\"currency\":\"EUR\",\"reference\":\"warm-up\"}"))
                .build();
        try {
            HttpClient.newHttpClient().send(charge, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: an empty temp directory
        }
    }
}
