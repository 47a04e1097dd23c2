package dev.gauntlet.cache;

import dev.gauntlet.slo.Caching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.probe.Identity;
import dev.gauntlet.probe.ProbeKind;
import dev.gauntlet.probe.SecuritySpec;
import dev.gauntlet.files.RunFiles;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache-control and validator checks against a small real API on 127.0.0.1: the contracts' GET interactions are
 * sent again (with their provider state) and the answers judged.
 */
class CacheChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caching PRIVATE = new Caching("caching private",
            Caching.Rule.PRIVATE);
    private static final Caching VALIDATORS = new Caching("caching validators",
            Caching.Rule.VALIDATORS);
    private static final String PACT = """
            {"consumer": {"name": "shop"}, "provider": {"name": "orders-api"},
             "interactions": [
               {"type": "Synchronous/HTTP", "description": "read an order",
                "providerStates": [{"name": "customer alice has an order"}],
                "request": {"method": "GET", "path": "/orders/ord-1", "headers": {"X-Api-Key": ["key-alice"]},
                  "generators": {"path": {"type": "ProviderState", "expression": "/orders/${id}", "dataType": "STRING"}}},
                "response": {"status": 200}},
               {"type": "Synchronous/HTTP", "description": "the catalogue",
                "request": {"method": "GET", "path": "/products"},
                "response": {"status": 200}},
               {"type": "Synchronous/HTTP", "description": "an unknown order",
                "request": {"method": "GET", "path": "/orders/none", "headers": {"X-Api-Key": ["key-alice"]}},
                "response": {"status": 404}}
             ],
             "metadata": {"pactSpecification": {"version": "4.0"}}}
            """;

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> seen = new ArrayList<>();
    /** When set, every other conditional request is first answered 429 (Retry-After: 0), as a rate limit would. */
    private boolean limitEveryOther;
    private int conditionals;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /**
     * An API whose order answers carry {@code cacheControl}, an ETag (honoured or not) and, when asked, a
     * Last-Modified; the catalogue answers {@code public, max-age=60} to everyone.
     */
    private URI api(String cacheControl, boolean etag, boolean honoured, boolean lastModified) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_state", x -> send(x, 200, Map.of(), "{\"id\": \"ord-77\"}"));
        server.createContext("/products", x -> send(x, 200, Map.of("Cache-Control", "public, max-age=60"), "[]"));
        server.createContext("/orders/", x -> {
            seen.add(x.getRequestURI().getPath() + " " + x.getRequestHeaders().getFirst("X-Api-Key"));
            if (!x.getRequestURI().getPath().equals("/orders/ord-77")) {
                send(x, 404, Map.of(), "{}");
                return;
            }
            boolean conditional = x.getRequestHeaders().containsKey("If-None-Match")
                    || x.getRequestHeaders().containsKey("If-Modified-Since");
            if (conditional && limitEveryOther && conditionals++ % 2 == 0) {
                send(x, 429, Map.of("Retry-After", "0"), "{}");
                return;
            }
            Map<String, String> h = new java.util.LinkedHashMap<>();
            h.put("Cache-Control", cacheControl);
            if (etag) {
                h.put("ETag", "\"v1\"");
            }
            if (lastModified) {
                h.put("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT");
            }
            boolean notModified = honoured && ("\"v1\"".equals(x.getRequestHeaders().getFirst("If-None-Match"))
                    || "Tue, 01 Dec 2026 10:00:00 GMT".equals(x.getRequestHeaders().getFirst("If-Modified-Since")));
            send(x, notModified ? 304 : 200, h, notModified ? null : "{\"id\": \"ord-77\"}");
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void send(HttpExchange x, int status, Map<String, String> headers, String body) throws IOException {
        headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private List<ObjectiveResult> check(URI api) throws IOException {
        Path folder = dir.resolve("contracts");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("shop-orders-api.json"), PACT);
        ContractsSpec contracts = new ContractsSpec(true, folder, "/_state");
        SecuritySpec security = new SecuritySpec(true, Set.of(ProbeKind.values()),
                List.of(new Identity("alice", Map.of("X-Api-Key", "key-alice"))), List.of(), 10, Duration.ofSeconds(10));
        return CacheChecks.run(List.of(PRIVATE, VALIDATORS), security, contracts,
                ContractInputs.load(contracts, "orders-api", api), "orders-api", api, dir, line -> { });
    }

    @Test
    void privateAnswersWithHonouredValidatorsPass() throws IOException {
        List<ObjectiveResult> r = check(api("private, no-cache", true, true, true));
        assertEquals(Status.PASS, r.get(0).status(), r.get(0).detail());
        assertEquals(1, r.get(0).samples(), "the order is judged; the catalogue sends no credentials: " + r.get(0));
        assertEquals(Status.PASS, r.get(1).status(), r.get(1).detail());
        assertEquals(4, r.get(1).samples(), "ETag and Last-Modified, each unchanged and changed: " + r.get(1));
        assertTrue(seen.contains("/orders/ord-77 key-alice"), "the provider state's order, as the contract's caller: " + seen);
    }

    @Test
    void aRateLimitedConditionalRequestIsWaitedOutNotJudged() throws IOException {
        limitEveryOther = true;
        List<ObjectiveResult> r = check(api("private, no-cache", true, true, true));
        assertEquals(Status.PASS, r.get(1).status(), "a 429 says nothing of the API's validators: " + r.get(1).detail());
        assertEquals(4, r.get(1).samples(), r.get(1).toString());
        assertEquals(8, conditionals, "each of the four conditional requests was sent again after its 429");
    }

    @Test
    void aPubliclyCacheableAnswerToACallersCredentialsFails() throws IOException {
        List<ObjectiveResult> r = check(api("public, max-age=60", true, true, false));
        assertEquals(Status.FAIL, r.get(0).status(), r.get(0).detail());
        assertTrue(r.get(0).detail().contains("GET /orders/{id} (shop / read an order)") && r.get(0).detail().contains("public, max-age=60"),
                r.get(0).detail());
        JsonNode evidence = JSON.readTree(dir.resolve(RunFiles.CACHING).toFile());
        JsonNode e = evidence.at("/private/examples/0");
        assertTrue(e.path("request").asText().startsWith("GET http://127.0.0.1:") && e.at("/answer/status").asInt() == 200
                && e.at("/answer/headers/Cache-Control").asText().equals("public, max-age=60"), evidence.toPrettyString());
        assertEquals(Status.PASS, r.get(1).status(), r.get(1).detail());
    }

    @Test
    void anApiKeyAnswerWithoutPrivateIsStorableByASharedCache() throws IOException {
        List<ObjectiveResult> r = check(api("max-age=30", true, true, false));
        assertEquals(Status.FAIL, r.get(0).status(), r.get(0).detail());
        assertTrue(r.get(0).detail().contains("X-Api-Key"), r.get(0).detail());
    }

    @Test
    void anEtagThatIsNeverAnsweredWith304Fails() throws IOException {
        List<ObjectiveResult> r = check(api("private, no-cache", true, false, false));
        assertEquals(Status.PASS, r.get(0).status(), r.get(0).detail());
        assertEquals(Status.FAIL, r.get(1).status(), r.get(1).detail());
        assertTrue(r.get(1).detail().contains("answered 200 to a request carrying its own ETag")
                && r.get(1).detail().contains("expected 304"), r.get(1).detail());
        assertEquals(1.0, r.get(1).measured(), "the unchanged request breaks, the changed one is right: " + r.get(1));
    }

    @Test
    void noValidatorOfferedIsNothingToJudge() throws IOException {
        List<ObjectiveResult> r = check(api("no-store", false, false, false));
        assertEquals(Status.PASS, r.get(0).status(), r.get(0).detail());
        assertEquals(Status.WARN, r.get(1).status(), r.get(1).detail());
    }
}
