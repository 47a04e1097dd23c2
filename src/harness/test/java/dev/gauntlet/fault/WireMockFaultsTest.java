package dev.gauntlet.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP faults on a real WireMock server whose stubs set their own delay and priority, as the reference Payments
 * does: each kind hits the requests that matter, and the evidence (probe + request journal) says so — or says it did
 * not when the fault's stubs were taken away while it was on.
 */
class WireMockFaultsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The stub's own delay: WireMock's global delay setting would be ignored for it. */
    private static final int OWN_DELAY = 150;

    @TempDir
    Path root;

    private final List<Runnable> cleanUp = new ArrayList<>();

    @AfterEach
    void stop() {
        cleanUp.forEach(Runnable::run);
    }

    private URI payments(Consumer<WireMockConfiguration> options) {
        WireMockConfiguration o = WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .withRootDirectory(root.toString()).notifier(new ConsoleNotifier(false));
        options.accept(o);
        WireMockServer server = new WireMockServer(o);
        server.start();
        cleanUp.add(server::stop);
        server.stubFor(post(urlPathEqualTo("/charges")).atPriority(1).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"succeeded\"}")
                .withFixedDelay(OWN_DELAY)));
        server.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withStatus(200)));
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private URI payments() {
        return payments(o -> o.maxRequestJournalEntries(500));
    }

    private static HttpFault fault(HttpFault.Kind kind, double fraction, Duration latency) {
        return new HttpFault("payments", kind, new FaultTiming(null, Duration.ZERO, Duration.ofSeconds(5)), latency, null,
                fraction, 503);
    }

    /** What a charge gets: the status, or the exception's simple name, and how long it took. */
    private record Charge(String outcome, long millis) {
    }

    private static Charge charge(URI base) throws InterruptedException {
        long t = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/charges")).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amountCents\": 100}")).build(), HttpResponse.BodyHandlers.ofString());
            return new Charge(Integer.toString(r.statusCode()), (System.nanoTime() - t) / 1_000_000);
        } catch (IOException e) {
            return new Charge(e.getClass().getSimpleName(), (System.nanoTime() - t) / 1_000_000);
        }
    }

    /** Applies {@code f}, sends {@code charges} charges, reverts, and returns the evidence with the charges' outcomes. */
    private FaultEvidence run(URI base, HttpFault f, int charges, List<Charge> seen) throws Exception {
        WireMockFaults wireMock = new WireMockFaults(base);
        WireMockFaults.Applied applied = wireMock.apply(f);
        long on = System.currentTimeMillis();
        FaultChecks checks = new FaultChecks();
        try {
            FaultChecks.Check check = checks.http(f, wireMock, applied, base, on, on + 5000);
            for (int i = 0; i < charges; i++) {
                seen.add(charge(base));
            }
            long revertStart = System.currentTimeMillis() + 200;
            Thread.sleep(200);
            wireMock.revert(applied);
            String left = HTTP.send(HttpRequest.newBuilder(base.resolve("/__admin/mappings")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertFalse(left.contains(applied.mark()), "every stub of the fault is gone: " + left);
            return check.finish(revertStart).get();
        } finally {
            checks.close();
        }
    }

    @Test
    void latencyAddsToTheDelayOfAStubThatSetsItsOwn() throws Exception {
        URI base = payments();
        assertTrue(charge(base).millis() < OWN_DELAY + 400, "before the fault");
        List<Charge> seen = new ArrayList<>();
        FaultEvidence e = run(base, fault(HttpFault.Kind.LATENCY, 1.0, Duration.ofMillis(400)), 3, seen);
        for (Charge c : seen) {
            assertEquals("201", c.outcome(), "the stub still answers");
            assertTrue(c.millis() >= 400 + OWN_DELAY, "the fault's delay adds to the stub's own: " + seen);
        }
        assertTrue(e.tookEffect(), e.toString());
        assertTrue(e.observed().contains("3 of 3 requests to payments delayed >= 400 ms (WireMock journal)"), e.observed());
        assertTrue(e.observed().startsWith("probe at +0."), e.observed());
        assertEquals("requests to payments delayed >= 400 ms", e.expected());
        Charge after = charge(base);
        assertEquals("201", after.outcome());
        assertTrue(after.millis() < 400 + OWN_DELAY, "reverted: " + after);
    }

    @Test
    void errorsHitTheirFractionOfTheRequests() throws Exception {
        URI base = payments();
        List<Charge> seen = new ArrayList<>();
        FaultEvidence e = run(base, fault(HttpFault.Kind.ERRORS, 0.5, null), 20, seen);
        long errors = seen.stream().filter(c -> c.outcome().equals("503")).count();
        long ok = seen.stream().filter(c -> c.outcome().equals("201")).count();
        assertEquals(20, errors + ok, seen.toString());
        assertTrue(errors >= 8 && errors <= 12, "about half: " + seen);
        assertTrue(e.tookEffect(), e.toString());
        assertTrue(e.observed().contains(errors + " of 20 requests to payments answered 503"), e.observed());
        assertTrue(e.observed().contains(ok + " let through (fraction 50 %)"), e.observed());
        assertEquals("201", charge(base).outcome(), "reverted");
    }

    @Test
    void resetAndMalformedBreakTheAnswersOfAStubWithItsOwnPriority() throws Exception {
        URI base = payments();
        for (HttpFault.Kind kind : List.of(HttpFault.Kind.RESET, HttpFault.Kind.MALFORMED)) {
            List<Charge> seen = new ArrayList<>();
            FaultEvidence e = run(base, fault(kind, 1.0, null), 3, seen);
            for (Charge c : seen) {
                assertFalse(c.outcome().equals("201"), kind + ": no charge gets its answer: " + seen);
            }
            assertTrue(e.tookEffect(), kind + ": " + e);
            assertTrue(e.observed().contains("failed as injected"), e.observed());
            assertTrue(e.observed().contains("3 of 3 requests to payments"), e.observed());
        }
        assertEquals("201", charge(base).outcome(), "reverted");
    }

    @Test
    void aFaultWhoseStubsVanishWhileItIsOnDidNotTakeEffect() throws Exception {
        // e.g. the system under test resets WireMock from a provider-state hook while the fault is on
        URI base = payments();
        WireMockFaults wireMock = new WireMockFaults(base);
        HttpFault f = fault(HttpFault.Kind.ERRORS, 1.0, null);
        WireMockFaults.Applied applied = wireMock.apply(f);
        long on = System.currentTimeMillis();
        try (FaultChecks checks = new FaultChecks()) {
            FaultChecks.Check check = checks.http(f, wireMock, applied, base, on, on + 5000);
            Thread.sleep(300); // the probe saw the fault
            wireMock.revert(applied);
            List<Charge> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                seen.add(charge(base));
            }
            assertTrue(seen.stream().allMatch(c -> c.outcome().equals("201")), seen.toString());
            Thread.sleep(200);
            FaultEvidence e = check.finish(System.currentTimeMillis()).get();
            assertFalse(e.tookEffect(), e.toString());
            assertTrue(e.observed().contains("0 of 4 requests to payments answered 503"), e.observed());
            assertTrue(e.observed().contains("4 answered without the fault, e.g. POST /charges answered 201 by stub"),
                    e.observed());
            assertTrue(e.reason("payments", "errors").startsWith("fault could not be applied: errors on payments: "
                    + "expected requests to payments answered 503; observed "), e.reason("payments", "errors"));
        }
    }

    @Test
    void withoutARequestJournalTheProbeIsTheEvidence() throws Exception {
        URI base = payments(WireMockConfiguration::disableRequestJournal);
        FaultEvidence e = run(base, fault(HttpFault.Kind.LATENCY, 1.0, Duration.ofMillis(300)), 1, new ArrayList<>());
        assertTrue(e.tookEffect(), e.toString());
        assertTrue(e.observed().contains("no request journal"), e.observed());
    }

    @Test
    void aServiceThatIsNotWireMockCannotTakeAnHttpFault() throws Exception {
        HttpServer plain = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        plain.createContext("/", x -> {
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        plain.start();
        cleanUp.add(() -> plain.stop(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new WireMockFaults(
                URI.create("http://127.0.0.1:" + plain.getAddress().getPort())).apply(fault(HttpFault.Kind.LATENCY, 1.0,
                Duration.ofMillis(100))));
        assertTrue(e.getMessage().contains("answered 404") && e.getMessage().contains("HTTP faults need a WireMock service"),
                e.getMessage());
    }
}
