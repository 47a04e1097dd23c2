package dev.gauntlet.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.cli.Gauntlet;
import dev.gauntlet.prometheus.PrometheusSpec;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.config.GateSpecs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code prometheus:} block of an environment file: read as written, each mistake in it exit 2 through the CLI
 * with the file, the field and what was expected, before anything starts; shown by the dry run; and a gate that
 * stops at its first stage still pushes.
 */
class PrometheusMistakesTest {
    @TempDir
    Path dir;

    record Mistake(String name, List<String> sets, List<String> expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Mistake m(String name, List<String> sets, String... expect) {
        return new Mistake(name, sets, List.of(expect));
    }

    static Stream<Mistake> mistakes() {
        return Stream.of(
                m("no pushgateway", List.of("prometheus.job=nightly"), "prometheus.pushgateway: is required",
                        "http://127.0.0.1:9091"),
                m("not an http URL", List.of("prometheus.pushgateway=ftp://127.0.0.1:9091"),
                        "prometheus.pushgateway", "expected an http(s) URL"),
                m("a misspelt field", List.of("prometheus.pushgateway=http://127.0.0.1:9091", "prometheus.lables={a: b}"),
                        "prometheus.lables: unknown field", "labels"),
                m("a label the export sets", List.of("prometheus.pushgateway=http://127.0.0.1:9091",
                        "prometheus.labels={run: x}"), "prometheus.labels.run", "reserved"),
                m("not a label name", List.of("prometheus.pushgateway=http://127.0.0.1:9091",
                        "prometheus.labels={team-name: shop}"), "prometheus.labels.team-name", "not a Prometheus label"),
                m("a secret instead of a variable name", List.of("prometheus.pushgateway=http://127.0.0.1:9091",
                        "prometheus.bearerTokenEnv=abc:def/123"), "prometheus.bearerTokenEnv", "NAME of the environment variable"),
                m("half of basic auth", List.of("prometheus.pushgateway=http://127.0.0.1:9091",
                        "prometheus.usernameEnv=PG_USER"), "prometheus.passwordEnv", "both usernameEnv and passwordEnv"),
                m("a zero timeout", List.of("prometheus.pushgateway=http://127.0.0.1:9091", "prometheus.timeout=0s"),
                        "prometheus.timeout", "positive duration"),
                m("prometheus not a mapping", List.of("prometheus=http://127.0.0.1:9091"), "prometheus",
                        "expected a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsExitTwoNamingFileFieldAndExpectation(Mistake mistake) throws IOException {
        Path env = UserMistakes.project(dir, UserMistakes.ENV);
        List<String> args = new ArrayList<>(List.of("gate", "--dry-run", "--env", env.toString()));
        mistake.sets().forEach(s -> args.addAll(List.of("--set", s)));
        Run run = cli(args);
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains(env.toString()), "names the file: " + run.output());
        for (String fragment : mistake.expect()) {
            assertTrue(run.output().contains(fragment), "'" + fragment + "' in: " + run.output());
        }
        assertFalse(run.output().contains("\tat ") || run.output().contains("Exception"), run.output());
        assertFalse(UserMistakes.anythingStarted(dir), "nothing started");
    }

    private record Run(int exit, String output) {
    }

    /** The CLI in this JVM, its output captured. */
    private static Run cli(List<String> args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            int exit = Gauntlet.execute(args.toArray(String[]::new));
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** A real gate that stops at its first stage still pushes its verdict and the stage; the exit code stays 2. */
    @Test
    void anAbortedRunIsPushedWithTheStageItStoppedIn() throws IOException {
        java.util.concurrent.atomic.AtomicReference<String> pushed = new java.util.concurrent.atomic.AtomicReference<>();
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            pushed.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "\n"
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.start();
        try {
            Path file = UserMistakes.project(dir, UserMistakes.ENV.replace("baselineDuration: 2s",
                    "baselineDurtion: 2s"));
            GateSpec spec = GateSpecs.load(file, Map.of("prometheus", "{pushgateway: 'http://127.0.0.1:"
                    + gateway.getAddress().getPort() + "'}"));
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            dev.gauntlet.gate.Gate.Outcome outcome = dev.gauntlet.gate.Gate.run(spec, dir.resolve("run"),
                    new PrintStream(console, true, StandardCharsets.UTF_8));
            assertEquals(dev.gauntlet.gate.Gate.USAGE, outcome.exitCode());
            String body = pushed.get();
            assertTrue(body != null && body.startsWith("PUT /metrics/job@base64/"), String.valueOf(body));
            assertTrue(body.contains("gauntlet_verdict{run=\"run\"} 3"), body);
            assertTrue(body.contains("gauntlet_run_info{verdict=\"FAIL\",aborted=\"config\""), body);
            assertFalse(body.contains("gauntlet_latency_seconds"), "nothing measured, no latency: " + body);
            String report = Files.readString(dir.resolve("run/report.json"));
            assertTrue(report.contains("\"source\" : \"export\"") || report.contains("\"source\":\"export\""),
                    report);
            assertTrue(console.toString(StandardCharsets.UTF_8).contains("[gate] prometheus: run figures pushed"),
                    console.toString(StandardCharsets.UTF_8));
        } finally {
            gateway.stop(0);
        }
    }

    @Test
    void theDryRunSaysWhereTheFiguresGo() throws IOException {
        Path env = UserMistakes.project(dir, UserMistakes.ENV);
        Run run = cli(List.of("gate", "--dry-run", "--env", env.toString(), "--set",
                "prometheus={pushgateway: 'http://127.0.0.1:9091', labels: {team: shop}, bearerTokenEnv: PG_TOKEN}"));
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("PROMETHEUS  push to Pushgateway http://127.0.0.1:9091 at the end of the run: "
                + "job gauntlet, labels {team=shop}; timeout 5000 ms; bearer token from $PG_TOKEN"), run.output());
        Run off = cli(List.of("gate", "--dry-run", "--env", env.toString()));
        assertFalse(off.output().contains("PROMETHEUS"), off.output());
    }

    @Test
    void theBlockIsReadAsWrittenAndIsOffWithoutIt() throws IOException {
        Path env = UserMistakes.project(dir, UserMistakes.ENV);
        assertEquals(PrometheusSpec.OFF, GateSpecs.load(env, Map.of()).prometheus());
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("prometheus", "{pushgateway: 'http://127.0.0.1:9091/pg', job: nightly, labels: {team: shop, "
                + "tier: gold}, timeout: 2s, usernameEnv: PG_USER, passwordEnv: PG_PASS}");
        PrometheusSpec p = GateSpecs.load(env, sets).prometheus();
        assertEquals(new PrometheusSpec(true, URI.create("http://127.0.0.1:9091/pg"), "nightly",
                Map.of("team", "shop", "tier", "gold"), Duration.ofSeconds(2), "PG_USER", "PG_PASS", null), p);
        assertEquals(List.of("team", "tier"), List.copyOf(p.labels().keySet()), "labels in file order");
        sets.put("prometheus.enabled", "false");
        assertEquals(PrometheusSpec.OFF, GateSpecs.load(env, sets).prometheus());
        GateSpec defaults = GateSpecs.load(env, Map.of("prometheus.pushgateway", "http://127.0.0.1:9091"));
        assertEquals(PrometheusSpec.DEFAULT_JOB, defaults.prometheus().job());
        assertEquals(PrometheusSpec.DEFAULT_TIMEOUT, defaults.prometheus().timeout());
    }
}
