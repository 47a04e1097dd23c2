package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gauntlet.files.RunFiles;
import dev.gauntlet.guard.LoopbackAgentJar;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link LoadRun#request} records of real Gatling answers, in a real load worker against a loopback server: every
 * request once under its operation with its outcome (a 429 with and without Retry-After, a 5xx, a 4xx, a redirect
 * followed — counted once, as its last answer — and a write nothing answered), answered ones timed by Gatling, the
 * visits counted, and the response tap's writes (the 503 and the unanswered one) logged.
 */
class RequestRecordingTest {
    private static final long SLOW_MILLIS = 40;

    @TempDir
    Path dir;

    @Test
    void everyKindOfAnswerIsRecordedOnceUnderItsOperationWithItsOutcome() throws Exception {
        HttpServer server = server();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens there once it is closed
        }
        Path out = dir.resolve("load");
        try {
            runWorker("http://127.0.0.1:" + server.getAddress().getPort(), "http://127.0.0.1:" + closed + "/x", out);
        } finally {
            server.stop(0);
        }
        LoadResults results = LoadStage.read(out, RecordingSimulation.class.getName());
        long visits = results.visits().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(visits >= 10, "visits: " + results.visits());
        Map<String, Map<Outcome, Long>> recorded = new TreeMap<>();
        for (LoadResults.Cell c : results.cells()) {
            recorded.computeIfAbsent(c.operation(), k -> new TreeMap<>()).merge(c.outcome(), c.count(), Long::sum);
        }
        assertEquals(Map.of(
                "GET /slow", Map.of(Outcome.OK, visits),
                "GET /limited", Map.of(Outcome.RATE_LIMITED, visits),
                "GET /bare", Map.of(Outcome.RATE_LIMITED_WITHOUT_RETRY_AFTER, visits),
                "POST /boom", Map.of(Outcome.SERVER_ERROR, visits),
                "GET /moved", Map.of(Outcome.OK, visits),
                "GET /missing", Map.of(Outcome.CLIENT_ERROR, visits),
                "POST /refused", Map.of(Outcome.NO_RESPONSE, visits)), recorded);
        long fastest = results.merged(c -> c.operation().equals("GET /slow")).getMinValue();
        assertTrue(fastest >= SLOW_MILLIS * 1000 * 0.99, "the slow answer timed at " + fastest + " µs");
        Map<String, Long> writes = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out.resolve(RunFiles.WRITES))) {
            JsonNode w = json.readTree(line);
            writes.merge(w.get("operation").asText() + " " + w.get("status").asInt(), 1L, Long::sum);
        }
        assertEquals(Map.of("POST /boom 503", visits, "POST /refused 0", visits), writes);
    }

    private static HttpServer server() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(SLOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(x, 200, Map.of());
        });
        server.createContext("/limited", x -> answer(x, 429, Map.of("Retry-After", "1")));
        server.createContext("/bare", x -> answer(x, 429, Map.of()));
        server.createContext("/boom", x -> answer(x, 503, Map.of()));
        server.createContext("/moved", x -> answer(x, 302, Map.of("Location", "/slow")));
        server.createContext("/missing", x -> answer(x, 404, Map.of()));
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
        return server;
    }

    private static void answer(HttpExchange x, int status, Map<String, String> headers) throws IOException {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    private static void runWorker(String baseUrl, String refusedUrl, Path out) throws Exception {
        Files.createDirectories(out);
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-javaagent:" + LoopbackAgentJar.write(out), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Djava.util.prefs.userRoot=" + out.resolve("prefs"), "-Dgauntlet.baseUrl=" + baseUrl,
                "-Dgauntlet.out=" + out, "-Drecording.refusedUrl=" + refusedUrl, "-Dgauntlet.tap.writes=true",
                "-cp", System.getProperty("java.class.path"), LoadWorker.class.getName(),
                RecordingSimulation.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolve("worker.log").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the load worker did not end within 90 s: " + out.resolve("worker.log"));
        }
        assertEquals(0, p.exitValue(), () -> "the load worker failed: " + log(out));
    }

    private static String log(Path out) {
        try {
            return Files.readString(out.resolve("worker.log"));
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
