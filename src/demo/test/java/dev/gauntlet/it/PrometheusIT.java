package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A short gate pushes its figures to a real Pushgateway, scraped every second by a real Prometheus (Debian's
 * packages, started here on free 127.0.0.1 ports with a temp config and storage), and the figures are read back
 * through Prometheus' query API and compared with the run's report.json. Then a gate whose gateway is not there:
 * a WARN check with the reason, the report written, the gate not failed. Without the binaries the test fails saying
 * how to install them.
 */
class PrometheusIT {
    private static final String INSTALL = "apt-get install -y prometheus prometheus-pushgateway (Debian/Ubuntu; CI's "
            + ".ci/run does it)";
    private static final String[] SHORT = {"--set", "load.settings.warmup=4s", "--set",
        "load.settings.baselineDuration=8s", "--set", "load.settings.spikeDuration=4s", "--set",
        "load.settings.recoveryDuration=4s", "--set", "security.enabled=false"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Process> started = new ArrayList<>();

    /** Both servers stopped whatever happened: no orphans. */
    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : started) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            assertFalse(p.isAlive(), "stopped: " + p.info().command().orElse("?"));
        }
    }

    @Test
    void aRunsFiguresReachPrometheusThroughThePushgateway() throws Exception {
        Path pushgatewayBinary = binary("prometheus-pushgateway");
        Path prometheusBinary = binary("prometheus");
        Path dir = GauntletProcess.out("prometheus").toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir.resolve("data"));
        int gatewayPort = freePort();
        int prometheusPort = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                scrape_configs:
                  - job_name: pushgateway
                    honor_labels: true
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(gatewayPort));
        // Debian's build persists to /var/lib/prometheus by default: keep this gateway's state in the temp folder
        start(dir.resolve("pushgateway.log"), pushgatewayBinary.toString(),
                "--web.listen-address=127.0.0.1:" + gatewayPort,
                "--persistence.file=" + dir.resolve("pushgateway.data"));
        start(dir.resolve("prometheus.log"), prometheusBinary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort);
        awaitReady("http://127.0.0.1:" + gatewayPort + "/-/ready", dir.resolve("pushgateway.log"));
        String prometheus = "http://127.0.0.1:" + prometheusPort;
        awaitReady(prometheus + "/-/ready", dir.resolve("prometheus.log"));

        Path out = dir.resolve("run-" + System.currentTimeMillis()); // its name is the run label
        List<String> args = new ArrayList<>(List.of("gate", "--env", "environments/local.yaml", "--out",
                out.toString(), "--set", "prometheus={pushgateway: 'http://127.0.0.1:" + gatewayPort
                        + "', labels: {team: shop}}"));
        args.addAll(List.of(SHORT));
        GauntletProcess gate = GauntletProcess.start(args.toArray(String[]::new));
        int exit = gate.await(Duration.ofMinutes(5));
        assertTrue(exit == 0 || exit == 1, "a verdict, not a usage or environment error: " + gate.output());
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        JsonNode check = exportCheck(report);
        assertEquals("PASS", check.get("status").asText(), check.toString());
        String run = report.get("runId").asText();

        // the verdict, with the labels of the grouping key
        JsonNode verdict = awaitSeries(prometheus, "gauntlet_verdict{run=\"" + run + "\"}", gate.output());
        JsonNode labels = verdict.get(0).get("metric");
        assertEquals("gauntlet", labels.get("job").asText(), labels.toString());
        assertEquals("local", labels.get("environment").asText(), labels.toString());
        assertEquals("shop", labels.get("team").asText(), labels.toString());
        assertTrue(labels.get("plan").asText().matches("[0-9a-f]{12}"), labels.toString());
        List<String> order = List.of("PASS", "INCONCLUSIVE", "WARN", "FAIL");
        assertEquals(order.indexOf(report.get("verdict").asText()), value(verdict.get(0)), 0);
        assertEquals(report.get("durationSeconds").asDouble(),
                value(query(prometheus, "gauntlet_run_duration_seconds{run=\"" + run + "\"}").get(0)), 1e-6);

        // every request of the load, per operation and phase
        double requests = value(query(prometheus, "sum(gauntlet_requests{run=\"" + run + "\"})").get(0));
        assertEquals(report.get("load").get("requests").asLong(), requests, 0, "requests as report.json counts them");
        double rateLimited = value(query(prometheus, "sum(gauntlet_rate_limited{run=\"" + run + "\"})").get(0));
        long limitedInReport = 0;
        for (JsonNode p : report.get("load").get("phases")) {
            limitedInReport += p.get("rateLimited").asLong();
        }
        assertEquals(limitedInReport, rateLimited, 0, "429s as report.json counts them");

        // the percentiles of every operation in the baseline
        JsonNode p95 = query(prometheus, "gauntlet_latency_seconds{run=\"" + run + "\",phase=\"baseline\","
                + "quantile=\"0.95\"}");
        List<String> operations = new ArrayList<>();
        p95.forEach(s -> operations.add(s.get("metric").get("operation").asText()));
        for (JsonNode o : report.get("load").get("operations")) {
            if (o.get("requests").asLong() > 0) {
                assertTrue(operations.contains(o.get("operation").asText()), o + " in " + operations);
            }
        }
        p95.forEach(s -> assertTrue(value(s) > 0 && value(s) < 60, s.toString()));

        // each objective measured, in seconds for latencies and ratios for percentages
        Map<String, Double> measured = new HashMap<>();
        for (JsonNode s : query(prometheus, "gauntlet_objective_measured{run=\"" + run + "\"}")) {
            JsonNode m = s.get("metric");
            measured.put(text(m, "objective") + "|" + text(m, "phase") + "|" + text(m, "operation"), value(s));
        }
        int compared = 0;
        for (JsonNode o : report.get("objectives")) {
            if (o.get("measured").isNull()) {
                continue;
            }
            String key = text(o, "name") + "|" + text(o, "phase") + "|" + text(o, "operation");
            double factor = switch (o.get("unit").asText()) {
                case "ms" -> 1e-3;
                case "%" -> 1e-2;
                default -> 1;
            };
            assertTrue(measured.containsKey(key), key + " in " + measured.keySet());
            assertEquals(o.get("measured").asDouble() * factor, measured.get(key), 1e-9, key);
            compared++;
        }
        assertTrue(compared >= 5, "objectives compared: " + compared);
    }

    @Test
    void aGatewayThatIsNotThereIsAWarnAndTheReportIsWritten() throws Exception {
        Path out = GauntletProcess.out("prometheus-unreachable").toAbsolutePath();
        deleteTree(out);
        GauntletProcess gate = GauntletProcess.start("gate", "--env", "environments/local.yaml", "--out",
                out.toString(), "--set", "load.enabled=false", "--set", "contracts.enabled=false", "--set",
                "security.enabled=false", "--set", "prometheus={pushgateway: 'http://127.0.0.1:" + freePort()
                        + "', timeout: 3s}");
        int exit = gate.await(Duration.ofMinutes(3));
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        JsonNode check = exportCheck(report);
        assertEquals("WARN", check.get("status").asText(), check.toString());
        assertTrue(check.get("message").asText().contains("not in Prometheus (the report is complete): push to "
                + "Pushgateway http://127.0.0.1:"), check.toString());
        assertEquals("WARN", report.get("verdict").asText(), gate.output());
        assertEquals(0, exit, "a failed push does not fail the gate: " + gate.output());
        assertTrue(Files.exists(out.resolve("junit.xml")) && Files.exists(out.resolve("index.html")));
        assertTrue(gate.output().contains("[gate] prometheus: run figures not in Prometheus"), gate.output());
    }

    private static JsonNode exportCheck(JsonNode report) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("source").asText().equals("export") && c.get("name").asText().equals("prometheus")) {
                return c;
            }
        }
        throw new AssertionError("no export check in " + report.get("checks"));
    }

    /** A binary on the PATH, or a failure saying how to install it. */
    private static Path binary(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(folder, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path debian = Path.of("/usr/bin", name);
        if (Files.isExecutable(debian)) {
            return debian;
        }
        return fail(name + " is not installed: this test needs a real Prometheus and Pushgateway; install them with "
                + INSTALL);
    }

    private void start(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady(String url, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (Process p : started) {
                if (!p.isAlive()) {
                    fail(p.info().command().orElse("a server") + " exited with " + p.exitValue() + ":\n"
                            + Files.readString(log));
                }
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        fail(url + " not ready within 60 s:\n" + Files.readString(log));
    }

    /** The result vector of an instant query. */
    private static JsonNode query(String prometheus, String promql) throws Exception {
        URI uri = URI.create(prometheus + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("success", body.path("status").asText(), promql + ": " + r.body());
        return body.get("data").get("result");
    }

    /** Queries until the series are there: Prometheus scrapes the gateway every second. */
    private static JsonNode awaitSeries(String prometheus, String promql, String gateOutput) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode result = query(prometheus, promql);
            if (result.size() > 0) {
                return result;
            }
            Thread.sleep(500);
        }
        return fail(promql + " never appeared in Prometheus within 60 s; gate output:\n" + gateOutput);
    }

    /** A field's text; "" when absent or null (Prometheus drops empty labels). */
    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static double value(JsonNode sample) {
        return Double.parseDouble(sample.get("value").get(1).asText());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
