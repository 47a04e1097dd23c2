package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gauntlet.load.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gauntlet init}'s file from the shipped pacts and the reference system's OpenAPI document: what it holds, that
 * the readers and the schema accept it, and the clear errors of a wrong input.
 */
class StarterFileTest {
    static final Path OPENAPI = Path.of("src/demo/main/resources/dev/gauntlet/demo/openapi.json");
    static final Path PACTS = Path.of("contracts");
    static final String START = "java -jar my-api.jar --port ${port} --name \"my api\"";

    @TempDir
    Path dir;

    private String write(String start) throws IOException {
        Path out = dir.resolve("environments/mine.yaml");
        String text = StarterFile.text(StarterFile.read(OPENAPI, PACTS, start, null, null, null, out));
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        return text;
    }

    @Test
    void theFileHasTheServiceContractsLoadPlanAndObjectivesAndTheReadersAcceptIt() throws IOException {
        String text = write(START);
        assertTrue(text.startsWith("# yaml-language-server: $schema="), text);
        GateSpec spec = GateSpecs.load(dir.resolve("environments/mine.yaml"), Map.of());
        assertEquals("orders-api", spec.environment().underTest().name(), "named as the pacts name their provider");
        assertEquals(List.of("java", "-jar", "my-api.jar", "--port", "${port}", "--name", "my api"),
                spec.environment().underTest().command());
        assertEquals("/health", spec.environment().underTest().healthPath(), "the document's GET /health");
        assertTrue(spec.contracts().enabled());
        assertTrue(spec.contracts().openapi().endsWith("openapi.json"));
        assertTrue(spec.load().fromContracts());
        assertEquals(List.of("warmup", "baseline", "spike"), spec.load().plan().phases().stream().map(Phase::name).toList());
        assertEquals(Duration.ofMinutes(1), spec.load().plan().phases().stream().map(Phase::duration)
                .reduce(Duration.ZERO, Duration::plus), "a one-minute plan");
        Map<String, Double> mix = spec.load().mix();
        assertTrue(mix.containsKey("GET /orders/{id}") && mix.containsKey("POST /orders"), mix.toString());
        assertTrue(mix.get("GET /orders/{id}") > mix.get("POST /orders"), "reads weigh more than writes: " + mix);
        assertTrue(mix.values().stream().mapToDouble(Double::doubleValue).sum() <= 100);
        assertFalse(mix.containsKey("GET /admin/customers"), "no pact exercises it");
        assertTrue(text.contains("#   - \"GET /admin/customers\""), "uncovered operations are offered to ignore: " + text);
        assertTrue(text.contains("# stateChangePath:"), "the pacts have provider states: " + text);
        assertEquals(5, spec.objectives().size());
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(text);
        assertEquals(List.of(), SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(EnvironmentSchema.text()).validate(tree).stream().map(Object::toString).toList());
        assertTrue(text.startsWith("# yaml-language-server: $schema=../../"), "relative to the file's folder: "
                + text.lines().findFirst().orElseThrow());
    }

    @Test
    void aStateChangePathAndAHealthAreWrittenWhenGiven() throws IOException {
        Path out = dir.resolve("mine.yaml");
        String text = StarterFile.text(StarterFile.read(OPENAPI, PACTS, START, "orders-api", "port",
                "/_gauntlet/provider-state", out));
        Files.writeString(out, text);
        GateSpec spec = GateSpecs.load(out, Map.of());
        assertEquals("/_gauntlet/provider-state", spec.contracts().stateChangePath());
        assertEquals(null, spec.environment().underTest().healthPath(), "health: port");
    }

    @Test
    void wrongInputsAreClearErrors() throws IOException {
        Path out = dir.resolve("mine.yaml");
        assertTrue(fails(() -> StarterFile.read(dir.resolve("nope.json"), PACTS, START, null, null, null, out))
                .contains("--openapi: no such file"));
        assertTrue(fails(() -> StarterFile.read(OPENAPI, dir.resolve("nope"), START, null, null, null, out))
                .contains("--pacts: no such folder"));
        Files.createDirectories(dir.resolve("empty"));
        assertTrue(fails(() -> StarterFile.read(OPENAPI, dir.resolve("empty"), START, null, null, null, out))
                .contains("no Pact files"));
        Files.writeString(dir.resolve("notes.txt"), "hello");
        assertTrue(fails(() -> StarterFile.read(dir.resolve("notes.txt"), PACTS, START, null, null, null, out))
                .contains("not an OpenAPI document"));
        assertTrue(fails(() -> StarterFile.read(OPENAPI, PACTS, "java -jar my-api.jar", null, null, null, out))
                .contains("must pass ${port}"));
        assertTrue(fails(() -> StarterFile.read(OPENAPI, PACTS, "java 'unclosed ${port}", null, null, null, out))
                .contains("is not closed"));
        assertTrue(fails(() -> StarterFile.read(OPENAPI, PACTS, START, "order-api", null, null, out))
                .contains("did you mean 'orders-api'"));
        assertTrue(fails(() -> StarterFile.read(OPENAPI, PACTS, START, null, "health", null, out))
                .contains("--health"));
    }

    @Test
    void theMixWeighsReadsThreeToOneAndNeverPassesAHundred() {
        Map<String, Integer> mix = StarterFile.mix(List.of("GET /a", "POST /a", "GET /b", "DELETE /b/{id}",
                "GET /c", "PUT /c", "HEAD /d"));
        assertTrue(mix.get("GET /a") >= 3 * mix.get("POST /a") && mix.get("GET /a") <= 3 * mix.get("POST /a") + 3,
                mix.toString());
        assertTrue(mix.values().stream().mapToInt(Integer::intValue).sum() <= 100, mix.toString());
        assertTrue(mix.values().stream().allMatch(v -> v >= 1), mix.toString());
    }

    private static String fails(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(ConfigException.class, e).getMessage();
    }
}
