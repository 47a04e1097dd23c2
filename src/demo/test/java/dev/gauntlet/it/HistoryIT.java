package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Run history and the {@code regression} objective on the reference system: three short clean runs build a history
 * (too little of it is INCONCLUSIVE, with the reason); a slowdown of one operation that stays under every absolute
 * threshold then FAILS its regression objective; a clean fourth run PASSES; cells with too few samples are
 * INCONCLUSIVE with the reason. Five short gate runs (a warm-up and a baseline each), alone ({@code @Isolated}): the
 * verdicts compare runs with each other, so another test's gate must not run beside some of them.
 */
@Isolated
class HistoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLOWED = "GET /products/{sku}";
    /**
     * A warm-up and a baseline (the phase the regressions are judged on here), long enough for well over 72 answers of
     * the slowed operation (p95's 95 % interval), with local.yaml's absolute latency objectives on it.
     */
    private static final String[] SHORT = {"--set", "contracts.enabled=false", "--set", "durability.enabled=false",
        "--set", "conformance.enabled=false", "--set", "security.enabled=false",
        "--set", "load.plan=[{phase: warmup, rate: 20/s, duration: 5s}, {phase: baseline, rate: 30/s, duration: 15s}]",
        "--set", "objectives=[{phase: baseline, operation: \"*\", latency: p95 < 150ms},"
                + " {phase: baseline, operation: \"*\", latency: p50 < 75ms}]",
        // the loopback round trip of a busy 2-core box varies by up to 1.4x between runs: 2x is a machine truly slower
        "--set", "regression.maxSlowdown=2x"};

    private static JsonNode run(String name, Path env, Path history) throws Exception {
        Path out = GauntletProcess.out("history-" + name);
        List<String> a = new ArrayList<>(List.of("gate", "--env", env.toString(), "--out", out.toString(),
                "--set", "history=" + history.toAbsolutePath()));
        a.addAll(List.of(SHORT));
        GauntletProcess gate = GauntletProcess.start(a.toArray(String[]::new));
        int exit = gate.await(Duration.ofMinutes(4));
        // on a busy machine an absolute threshold of the spike may fail: what is judged here are the regressions
        assertTrue(exit == 0 || exit == 1, "exit " + exit + "\n" + gate.output());
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    private static List<JsonNode> regressions(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        report.get("objectives").forEach(o -> {
            if (o.get("kind").asText().equals("regression")) {
                out.add(o);
            }
        });
        return out;
    }

    private static JsonNode regression(JsonNode report, String phase, String operation) {
        return regressions(report).stream().filter(o -> o.get("phase").asText().equals(phase)
                && o.get("operation").asText().equals(operation)).findFirst()
                .orElseThrow(() -> new AssertionError("no regression objective for " + phase + " " + operation + ": "
                        + report.get("objectives").toPrettyString()));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void aSlowdownUnderEveryThresholdFailsItsRegressionAndACleanRunPasses() throws Exception {
        Path history = GauntletProcess.out("history-folder");
        deleteAll(history);
        Path local = Path.of("environments/local.yaml");
        for (int i = 1; i <= 3; i++) {
            JsonNode r = run("clean-" + i, local, history);
            JsonNode sku = regression(r, "baseline", SLOWED);
            assertEquals("INCONCLUSIVE", sku.get("status").asText(), sku.toString());
            assertTrue(sku.get("detail").asText().contains((i - 1) + " earlier run" + (i == 2 ? "" : "s")
                    + " of environment local with this plan, 3 needed"), sku.toString());
            assertEquals(i - 1, r.at("/history/comparedWith").size(), r.get("history").toString());
            assertTrue(r.at("/history/calibration/loopbackMicros").asDouble() > 0, r.get("history").toString());
        }
        try (Stream<Path> files = Files.list(history)) {
            assertEquals(3, files.count(), "one file per run");
        }

        // the slowed run is judged against the three clean runs (on a copy: it does not join their history)
        Path slowHistory = GauntletProcess.out("history-folder-slowed");
        deleteAll(slowHistory);
        copy(history, slowHistory);
        Path slowed = GauntletProcess.variant("history-slowed", "\"--test-hooks\"]",
                "\"--test-hooks\", \"--slow-operation\", \"" + SLOWED + "=25ms\"]");
        JsonNode s = run("slowed", slowed, slowHistory);
        JsonNode failed = regression(s, "baseline", SLOWED);
        assertEquals("FAIL", failed.get("status").asText(), failed.toString());
        assertTrue(failed.at("/figures/ratio").asDouble() > 1.2, failed.toString());
        assertTrue(failed.at("/figures/currentLow").asDouble() > failed.at("/figures/baselineMax").asDouble(),
                failed.toString());
        assertEquals(3, failed.at("/figures/earlierRuns").asInt(), failed.toString());
        for (JsonNode o : s.get("objectives")) {
            if (o.get("kind").asText().equals("latency") && o.get("operation").asText().equals(SLOWED)) {
                assertEquals("PASS", o.get("status").asText(), "the slowdown stays under every threshold: " + o);
            }
        }
        for (JsonNode o : regressions(s)) {
            if (o.get("status").asText().equals("FAIL")) {
                assertEquals(SLOWED, o.get("operation").asText(), "only the slowed operation regresses: " + o);
            }
        }

        // a clean fourth run passes; cells with too few answers are inconclusive, with the reason
        JsonNode clean = run("clean-4", local, history);
        JsonNode sku = regression(clean, "baseline", SLOWED);
        assertEquals("PASS", sku.get("status").asText(), sku.toString());
        assertTrue(sku.get("detail").asText().startsWith("within noise"), sku.toString());
        assertEquals(3, clean.at("/history/comparedWith").size(), clean.get("history").toString());
        assertFalse(regressions(clean).stream().anyMatch(o -> o.get("status").asText().equals("FAIL")),
                "no false alarm: " + regressions(clean));
        assertTrue(regressions(clean).stream().anyMatch(o -> o.get("status").asText().equals("INCONCLUSIVE")
                && o.get("detail").asText().matches(".*\\d+ answered requests? in this run: too few for a 95 % "
                + "interval of p95 \\(72 needed\\).*")), "a rarely used operation has too few answers in some phase: "
                + regressions(clean));
    }

    private static void deleteAll(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
