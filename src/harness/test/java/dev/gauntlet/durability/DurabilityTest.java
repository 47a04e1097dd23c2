package dev.gauntlet.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.contract.ContractInputs;
import com.sun.net.httpserver.HttpServer;
import dev.gauntlet.contract.ContractResponses;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-back of acknowledged writes against a small real HTTP server that keeps some orders and not others. */
class DurabilityTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final List<String> authSeen = new ArrayList<>();
    private final ContractResponses contracts = ContractResponses.of(ContractInputs.load(
            new ContractsSpec(true, Path.of("contracts"), "/_gauntlet/provider-state"), "orders-api",
            URI.create("http://127.0.0.1:1")), "orders-api");

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders/", ex -> {
            synchronized (authSeen) {
                authSeen.add(ex.getRequestHeaders().getFirst("Authorization"));
            }
            String id = ex.getRequestURI().getPath().substring("/orders/".length());
            ex.sendResponseHeaders(stored.contains(id) ? 200 : 404, -1);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void writes(String... lines) throws Exception {
        Files.createDirectories(dir.resolve("load"));
        Files.writeString(dir.resolve("load/writes.jsonl"), String.join("\n", lines) + "\n");
    }

    private static String write(String method, String op, String path, int status, String location, String body) {
        return write(method, op, path, status, location, body, "key-bob");
    }

    private static String write(String method, String op, String path, int status, String location, String body,
                                String key) {
        return "{\"t\":1,\"operation\":\"" + op + "\",\"method\":\"" + method + "\",\"path\":\"" + path + "\",\"status\":"
                + status + (location == null ? "" : ",\"location\":\"" + location + "\"")
                + (body == null ? "" : ",\"body\":\"" + body.replace("\"", "\\\"") + "\"")
                + ",\"credentials\":{\"Authorization\":\"Bearer " + key + "\"}}";
    }

    @Test
    void acknowledgedWritesMissingOnReadBackAreLostAndNamed() throws Exception {
        URI base = serve();
        stored.add("ord-1");
        stored.add("ord-3");
        writes(write("POST", "POST /orders", "/orders", 201, "/orders/ord-1", null),
                write("POST", "POST /orders", "/orders", 201, "/orders/ord-2", null),
                write("POST", "POST /orders", "/orders", 201, null, "{\"id\":\"ord-3\"}"),
                write("POST", "POST /orders", "/orders", 201, "/orders/ord-4", null),
                write("DELETE", "DELETE /orders/{id}", "/orders/ord-4", 204, null, ""),
                write("POST", "POST /orders", "/orders", 502, null, "{}"),
                write("POST", "POST /orders", "/orders", 503, "/orders/ord-3", null));
        ObjectiveResult r = Durability.check(DurabilitySpec.DEFAULT, dir.resolve("load"), contracts, base, dir,
                line -> { }).orElseThrow();
        assertEquals(Status.FAIL, r.status(), r.detail());
        assertEquals(1.0, r.measured());
        assertEquals(Map.of("acknowledged", 4.0, "lost", 1.0, "readBack", 3.0, "present", 2.0, "unverified", 0.0,
                "indeterminate", 2.0, "recovered", 0.0, "deletedByLoad", 1.0, "notRead", 0.0), withoutSeconds(r.figures()),
                "ord-3 was acknowledged, so its 503 is no recovery; ord-4 was deleted by the load");
        assertTrue(r.detail().contains("/orders/ord-2") && r.detail().contains("→ GET /orders/{") && r.detail().contains("}: 404"), r.detail());
        assertTrue(authSeen.stream().allMatch("Bearer key-bob"::equals), "read back as the writer: " + authSeen);
        assertTrue(Files.readString(dir.resolve(Durability.FILE)).contains("ord-2"));
    }

    private static Map<String, Double> withoutSeconds(Map<String, Double> figures) {
        Map<String, Double> m = new java.util.HashMap<>(figures);
        assertTrue(m.remove("seconds") >= 0);
        return m;
    }

    @Test
    void indeterminateWritesThatExistAreRecoveredAndNotFailures() throws Exception {
        URI base = serve();
        stored.add("ord-1");
        stored.add("ord-7");
        writes(write("POST", "POST /orders", "/orders", 201, "/orders/ord-1", null),
                write("POST", "POST /orders", "/orders", 500, "/orders/ord-7", null),
                write("POST", "POST /orders", "/orders", 500, "/orders/ord-8", null));
        ObjectiveResult r = Durability.check(DurabilitySpec.DEFAULT, dir.resolve("load"), contracts, base, dir,
                line -> { }).orElseThrow();
        assertEquals(Status.PASS, r.status(), r.detail());
        assertEquals(1.0, r.figures().get("recovered"));
        assertEquals(2.0, r.figures().get("indeterminate"));
    }

    @Test
    void theReadBackIsBoundedInCountAndSaysSo() throws Exception {
        URI base = serve();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            stored.add("ord-" + i);
            lines.add(write("POST", "POST /orders", "/orders", 201, "/orders/ord-" + i, null));
        }
        writes(lines.toArray(String[]::new));
        ObjectiveResult r = Durability.check(new DurabilitySpec(true, 10, Duration.ofSeconds(30)), dir.resolve("load"),
                contracts, base, dir, line -> { }).orElseThrow();
        assertEquals(Status.PASS, r.status());
        assertEquals(10.0, r.figures().get("readBack"));
        assertEquals(20.0, r.figures().get("notRead"));
        assertTrue(r.detail().contains("20 not read back"), r.detail());
    }

    /**
     * Each caller's writes are read back one at a time (an API limits a caller's rate: its 429s are waited out), and
     * different callers' side by side: one caller's 429 does not hold the others back.
     */
    @Test
    void callersAreReadBackSideBySideEachOneAtATimeAndTheir429sWaitedOut() throws Exception {
        Map<String, Integer> inFlight = new java.util.HashMap<>();
        Map<String, Integer> answered = new java.util.HashMap<>();
        int[] most = new int[2]; // callers in flight at once; one caller's requests in flight at once
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/orders/", ex -> {
            String caller = ex.getRequestHeaders().getFirst("Authorization");
            boolean limited;
            synchronized (inFlight) {
                int mine = inFlight.merge(caller, 1, Integer::sum);
                most[0] = Math.max(most[0], (int) inFlight.values().stream().filter(n -> n > 0).count());
                most[1] = Math.max(most[1], mine);
                limited = answered.merge(caller, 1, Integer::sum) % 4 == 0; // every fourth request of a caller
            }
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (inFlight) {
                inFlight.merge(caller, -1, Integer::sum);
            }
            if (limited) {
                ex.getResponseHeaders().add("Retry-After", "0.1");
            }
            ex.sendResponseHeaders(limited ? 429 : 200, -1);
            ex.close();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        List<String> lines = new ArrayList<>();
        for (String key : List.of("key-alice", "key-bob", "key-carol")) {
            for (int i = 0; i < 6; i++) {
                lines.add(write("POST", "POST /orders", "/orders", 201, "/orders/" + key + "-" + i, null, key));
            }
        }
        writes(lines.toArray(String[]::new));
        ObjectiveResult r = Durability.check(DurabilitySpec.DEFAULT, dir.resolve("load"), contracts, base, dir,
                line -> { }).orElseThrow();
        assertEquals(Status.PASS, r.status(), r.detail());
        assertEquals(18.0, r.figures().get("present"), r.detail());
        assertEquals(0.0, r.figures().get("unverified"), r.detail());
        assertEquals(1, most[1], "one caller's reads one at a time");
        assertTrue(most[0] > 1, "different callers' reads side by side: at most " + most[0] + " at once");
    }

    @Test
    void noWritesNoResult() throws Exception {
        assertTrue(Durability.check(DurabilitySpec.DEFAULT, dir, contracts, URI.create("http://127.0.0.1:1"), dir,
                line -> { }).isEmpty());
    }

    @Test
    void theResourceComesFromLocationOrFromTheIdAndTheContractsReadTemplate() {
        Write located = new Write(1, "POST /orders", "POST", "/orders", 201, "http://127.0.0.1:9/orders/ord-1", null, Map.of());
        Write byId = new Write(1, "POST /orders", "POST", "/orders", 201, null, "{\"id\":42}", Map.of());
        Write put = new Write(1, "PUT /orders/{id}", "PUT", "/orders/ord-5?x=1", 200, null, "", Map.of());
        Write anonymous = new Write(1, "POST /orders", "POST", "/orders", 201, null, "{\"ok\":true}", Map.of());
        assertEquals("/orders/ord-1", Durability.resource(located, contracts));
        assertEquals("/orders/42", Durability.resource(byId, contracts));
        assertEquals("/orders/ord-5", Durability.resource(put, contracts));
        assertNull(Durability.resource(anonymous, contracts));
        assertEquals(List.of(0, 2, 5, 7), Durability.spread(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 4));
    }
}
