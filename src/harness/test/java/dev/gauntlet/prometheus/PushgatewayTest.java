package dev.gauntlet.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gauntlet.report.Reason;
import dev.gauntlet.report.Report;
import dev.gauntlet.slo.Status;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The push's HTTP side against a loopback server standing in for the gateway's failures (a real Pushgateway and
 * Prometheus are in PrometheusIT): the request it sends, and every way a push can fail becoming a WARN check with its
 * reason, within the timeout, never an exception.
 */
class PushgatewayTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server on a free loopback port answering every request with {@code status} and {@code body}. */
    private URI serve(int status, String body, AtomicReference<HttpExchange> seen, AtomicReference<String> sent)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.set(exchange);
            sent.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gw/");
    }

    private static PrometheusSpec spec(URI url, Duration timeout, String user, String password, String token) {
        return new PrometheusSpec(true, url, "gauntlet", Map.of("team", "shop"), timeout, user, password, token);
    }

    private static Report report() {
        return new Report(Status.PASS, List.of(), "run-1", "2026-11-29T06:00:00Z", "2026-11-29T06:01:00Z", 60,
                new Report.EnvironmentInfo("local", "local", List.of()), null, null, List.of(), List.of(), null,
                List.of(Reason.pass("load", "loopback", "fine")));
    }

    @Test
    void putsTheGroupWithBase64LabelValuesTheTextFormatAndBasicAuthFromTheNamedVariables() throws IOException {
        AtomicReference<HttpExchange> seen = new AtomicReference<>();
        AtomicReference<String> body = new AtomicReference<>();
        URI url = serve(200, "", seen, body);
        Pushgateway gw = new Pushgateway(spec(url, Duration.ofSeconds(5), "PG_USER", "PG_PASS", null),
                Map.of("PG_USER", "ci", "PG_PASS", "s3cret")::get);
        Map<String, String> key = gw.groupingKey("local/eu", "ab12");
        Pushgateway.Result r = gw.push(key, "gauntlet_verdict{run=\"r\"} 0\n");
        assertTrue(r.ok(), r.message());
        HttpExchange x = seen.get();
        assertEquals("PUT", x.getRequestMethod());
        String b64 = Base64.getUrlEncoder().encodeToString("local/eu".getBytes(StandardCharsets.UTF_8));
        assertEquals("/gw/metrics/job@base64/" + b64("gauntlet") + "/environment@base64/" + b64
                + "/plan@base64/" + b64("ab12") + "/team@base64/" + b64("shop"), x.getRequestURI().getPath());
        assertTrue(x.getRequestHeaders().getFirst("Content-Type").startsWith("text/plain; version=0.0.4"));
        assertEquals("Basic " + b64s("ci:s3cret"), x.getRequestHeaders().getFirst("Authorization"));
        assertEquals("gauntlet_verdict{run=\"r\"} 0\n", body.get());
        assertFalse(r.message().contains("s3cret"));
    }

    @Test
    void aBearerTokenFromItsVariable() throws IOException {
        AtomicReference<HttpExchange> seen = new AtomicReference<>();
        URI url = serve(202, "", seen, new AtomicReference<>());
        Pushgateway gw = new Pushgateway(spec(url, Duration.ofSeconds(5), null, null, "PG_TOKEN"),
                Map.of("PG_TOKEN", "tok")::get);
        assertTrue(gw.push(Map.of("job", "g"), "").ok());
        assertEquals("Bearer tok", seen.get().getRequestHeaders().getFirst("Authorization"));
    }

    @Test
    void aMissingCredentialVariableIsNamedAndNothingIsSent() throws IOException {
        AtomicReference<HttpExchange> seen = new AtomicReference<>();
        URI url = serve(200, "", seen, new AtomicReference<>());
        Pushgateway gw = new Pushgateway(spec(url, Duration.ofSeconds(5), null, null, "PG_TOKEN"), name -> null);
        Pushgateway.Result r = gw.push(Map.of("job", "g"), "");
        assertFalse(r.ok());
        assertTrue(r.message().contains("PG_TOKEN") && r.message().contains("not set"), r.message());
        assertEquals(null, seen.get(), "no request without the credentials");
    }

    @Test
    void aRejectedPushIsAWarnCheckWithTheGatewaysAnswerAndTheVerdictIsNoWorseThanWarn() throws IOException {
        URI url = serve(400, "pushed metrics are invalid or inconsistent with existing metrics",
                new AtomicReference<>(), new AtomicReference<>());
        List<String> console = new java.util.ArrayList<>();
        Report r = PrometheusExport.push(spec(url, Duration.ofSeconds(5), null, null, null), report(), null, null,
                console::add, name -> null);
        Reason check = r.checks().get(r.checks().size() - 1);
        assertEquals(Status.WARN, check.status());
        assertEquals(PrometheusExport.SOURCE, check.source());
        assertTrue(check.message().contains("HTTP 400") && check.message().contains("invalid or inconsistent"),
                check.message());
        assertEquals(Status.WARN, r.verdict());
        assertTrue(r.reasons().contains(check.message()));
        assertTrue(console.get(0).contains("HTTP 400"), console.toString());
    }

    @Test
    void anUnreachableGatewayIsAWarnCheck() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Report r = PrometheusExport.push(spec(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5), null,
                null, null), report(), null, null, line -> { }, name -> null);
        Reason check = r.checks().get(r.checks().size() - 1);
        assertEquals(Status.WARN, check.status(), check.toString());
        assertTrue(check.message().contains("127.0.0.1:" + port), check.message());
    }

    @Test
    void aGatewayThatNeverAnswersIsCutOffAtTheTimeout() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                release.await(); // holds the request until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Report r = PrometheusExport.push(spec(url, Duration.ofMillis(500), null, null, null), report(), null, null,
                line -> { }, name -> null);
        Reason check = r.checks().get(r.checks().size() - 1);
        assertEquals(Status.WARN, check.status());
        assertTrue(check.message().contains("no answer within 500 ms"), check.message());
    }

    @Test
    void aPushThatWorksIsAPassCheckAndLeavesTheVerdict() throws IOException {
        URI url = serve(200, "", new AtomicReference<>(), new AtomicReference<>());
        Report r = PrometheusExport.push(spec(url, Duration.ofSeconds(5), null, null, null), report(), null, null,
                line -> { }, name -> null);
        Reason check = r.checks().get(r.checks().size() - 1);
        assertEquals(Status.PASS, check.status(), check.message());
        assertEquals(Status.PASS, r.verdict());
        assertEquals(2, r.checks().size());
    }

    @Test
    void withoutAnExportTheReportIsUntouched() {
        Report before = report();
        assertSame(before, PrometheusExport.push(PrometheusSpec.OFF, before, null, null, line -> { }, name -> null));
    }

    @Test
    void thePlanFingerprintFollowsThePlanNotTheRun() {
        var a = new dev.gauntlet.load.LoadSpec(true, "SpikeSimulation", Map.of("warmup", "2s", "rate", "10"),
                Duration.ofMinutes(1));
        var same = new dev.gauntlet.load.LoadSpec(true, "SpikeSimulation", Map.of("rate", "10", "warmup", "2s"),
                Duration.ofMinutes(1));
        var longer = new dev.gauntlet.load.LoadSpec(true, "SpikeSimulation", Map.of("warmup", "20s", "rate", "10"),
                Duration.ofMinutes(1));
        assertEquals(PrometheusExport.plan(a), PrometheusExport.plan(same));
        assertFalse(PrometheusExport.plan(a).equals(PrometheusExport.plan(longer)));
        assertEquals("none", PrometheusExport.plan(null));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64s(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
