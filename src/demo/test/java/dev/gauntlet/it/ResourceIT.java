package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resource objective on a shortened nightly soak (environments/nightly.yaml): the seeded memory leak
 * ({@code --defect leak-memory}) fails the orders-api's memory growth objective while latency still passes; the
 * clean reference system passes it. Both runs sample every service's memory and CPU into report.json and
 * index.html.
 */
class ResourceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NIGHTLY = Path.of("environments/nightly.yaml");
    private static final String HOOKS = "\"--test-hooks\"]";

    /**
     * The nightly plan, shortened (the soak's fit window is its last 48 s, from 47 s into the load); the checks that
     * are not about resources are off to keep it short.
     */
    private static String[] run(Path env, Path out) {
        List<String> a = new ArrayList<>(List.of("gate", "--env", env.toString(), "--out", out.toString(),
                "--set", "load.settings.warmup=20s", "--set", "load.settings.baselineDuration=15s",
                "--set", "load.settings.soakDuration=60s", "--set", "security.enabled=false",
                "--set", "durability.enabled=false", "--set", "conformance.enabled=false"));
        return a.toArray(String[]::new);
    }

    private static JsonNode growth(JsonNode report) {
        for (JsonNode o : report.get("objectives")) {
            if (o.get("kind").asText().equals("resource") && o.get("name").asText().contains("memory growth")) {
                return o;
            }
        }
        throw new AssertionError("no memory growth objective in " + report.get("objectives"));
    }

    @Test
    void aMemoryLeakFailsTheSoaksMemoryGrowthObjectiveAndTheCleanSystemPassesIt() throws Exception {
        Path leakEnv = GauntletProcess.variant(NIGHTLY, "leak-memory", HOOKS,
                "\"--test-hooks\", \"--defect\", \"leak-memory\"]");
        Path leakOut = GauntletProcess.out("resource-leak");
        GauntletProcess leaky = GauntletProcess.start(run(leakEnv, leakOut));
        assertEquals(1, leaky.await(Duration.ofMinutes(5)), leaky.output());
        JsonNode leak = JSON.readTree(leakOut.resolve("report.json").toFile());
        JsonNode leakGrowth = growth(leak);
        assertEquals("FAIL", leakGrowth.get("status").asText(), leakGrowth.toString());
        assertTrue(leak.get("reasons").toString().contains("memory growth"), leak.get("reasons").toString());

        Path cleanOut = GauntletProcess.out("resource-clean");
        GauntletProcess clean = GauntletProcess.start(run(NIGHTLY, cleanOut));
        int code = clean.await(Duration.ofMinutes(5));
        JsonNode report = JSON.readTree(cleanOut.resolve("report.json").toFile());
        JsonNode cleanGrowth = growth(report);
        assertEquals("PASS", cleanGrowth.get("status").asText(), cleanGrowth.toString() + "\n" + clean.output());
        assertTrue(code == 0 || code == 1, clean.output());

        double leakSlope = leakGrowth.get("measured").asDouble();
        double cleanSlope = cleanGrowth.get("measured").asDouble();
        System.out.printf("memory growth of orders-api: leak %.1f MB/h (r² %.2f), clean %.1f MB/h (r² %.2f), limit %.0f MB/h%n",
                leakSlope, leakGrowth.at("/figures/r2").asDouble(), cleanSlope, cleanGrowth.at("/figures/r2").asDouble(),
                cleanGrowth.get("threshold").asDouble());
        assertTrue(leakSlope > cleanSlope, "the leak grows faster than the clean system");
        assertTrue(leakGrowth.at("/figures/samples").asInt() >= 24, leakGrowth.toString());

        // the samples behind it: every service, about one a second, in report.json and on the charts
        JsonNode services = report.at("/resources/services");
        assertEquals(dev.gauntlet.config.GateSpecs.load(NIGHTLY, java.util.Map.of()).environment().services().size(),
                services.size(), "every service of the environment: " + report.get("resources"));
        for (JsonNode s : services) {
            assertTrue(s.get("atMillis").size() >= 80, s.get("service") + ": " + s.get("atMillis").size() + " samples");
            assertEquals(s.get("atMillis").size(), s.get("rssKB").size());
            assertEquals(s.get("atMillis").size(), s.get("cpuPercent").size());
            assertTrue(s.get("rssKB").get(0).asLong() > 10_000, "a process tree of a JVM or PostgreSQL holds more than 10 MB: " + s.get("rssKB").get(0));
        }
        String html = Files.readString(cleanOut.resolve("index.html"));
        assertTrue(html.contains("Resources of the services") && html.contains("memory (RSS) per service")
                && html.contains("CPU per service"), "index.html shows the resource charts");
        assertNotNull(report.get("resources").get("startEpochMillis"));
    }
}
