package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.contract.AllowedExposure;
import dev.gauntlet.contract.ContractsSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coverage and exposure fields of {@code contracts:}: read as data, mistakes named by file and field. */
class ContractsFieldsTest {
    @TempDir
    Path dir;

    private Path env(String contracts) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, """
                name: t
                services:
                  api: {underTest: true, command: [java, Main], health: /health}
                contracts:
                """ + contracts.indent(2));
        return f;
    }

    private ConfigException mistake(String contracts) throws IOException {
        Path f = env(contracts);
        return assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of()));
    }

    @Test
    void readsOpenApiCoverageIgnoreAndAllowedExposure() throws IOException {
        ContractsSpec c = GateSpecs.load(env("""
                openapi: /openapi.json
                coverageIgnore: ["DELETE /orders/{id}"]
                allowExposure:
                  - {operation: GET /products, field: "items[].name", reason: shown to anonymous visitors anyway}
                """), Map.of()).contracts();
        assertEquals("/openapi.json", c.openapi());
        assertEquals(List.of("DELETE /orders/{id}"), c.coverageIgnore());
        assertEquals(List.of(new AllowedExposure("GET /products", "items[].name", "shown to anonymous visitors anyway")),
                c.allowExposure());
    }

    @Test
    void anAllowedExposureMayBeForAnyOperation() throws IOException {
        ContractsSpec c = GateSpecs.load(env("""
                allowExposure:
                  - {operation: "*", field: traceId, reason: every answer carries the trace id}
                """), Map.of()).contracts();
        assertEquals(List.of(new AllowedExposure("*", "traceId", "every answer carries the trace id")),
                c.allowExposure());
        assertTrue(c.allowExposure().get(0).anyOperation());
    }

    @Test
    void withoutOpenApiThereIsNoCoverageCheck() throws IOException {
        ContractsSpec c = GateSpecs.load(env("folder: contracts\n"), Map.of()).contracts();
        assertNull(c.openapi());
        assertEquals(List.of(), c.coverageIgnore());
        assertEquals(List.of(), c.allowExposure());
    }

    @Test
    void theShippedLocalEnvironmentFetchesTheDocumentFromTheProvider() {
        assertEquals("/openapi.json", GateSpecs.load(Path.of("environments/local.yaml"), Map.of()).contracts().openapi());
    }

    @Test
    void aMissingOpenApiFileIsNamed() throws IOException {
        ConfigException e = mistake("openapi: docs/nope.yaml\n");
        assertEquals("contracts", e.field());
        assertTrue(e.getMessage().contains("openapi: expected a path on the provider starting with '/'")
                && e.getMessage().contains("docs/nope.yaml"), e.getMessage());
    }

    @Test
    void anOpenApiFileThatExistsIsAccepted() throws IOException {
        Path doc = Files.writeString(dir.resolve("openapi.yaml"), "openapi: 3.0.3\npaths: {}\n");
        String relative = Path.of("").toAbsolutePath().relativize(doc).toString();
        assertEquals(doc.toUri().toString(),
                GateSpecs.load(env("openapi: " + relative + "\n"), Map.of()).contracts().openapi());
    }

    @Test
    void aRelativeOpenApiFileIsRelativeToTheBaseFolder() throws IOException {
        Path doc = Files.writeString(dir.resolve("openapi.yaml"), "openapi: 3.0.3\npaths: {}\n");
        String where = GateSpecs.load(env("openapi: openapi.yaml\n"), Map.of(), dir).contracts().openapi();
        assertEquals(doc.toUri().toString(), where, "a file: URI, not an absolute path a provider path looks like");
    }

    @Test
    void aCoverageIgnoreEntryMustBeMethodAndPath() throws IOException {
        ConfigException e = mistake("coverageIgnore: [\"GET /products\", \"/orders\"]\n");
        assertEquals("contracts.coverageIgnore[1]", e.field());
        assertTrue(e.getMessage().contains("expected an operation 'METHOD /path'") && e.getMessage().contains("'/orders'"),
                e.getMessage());
    }

    @Test
    void anAllowedExposureNeedsAReason() throws IOException {
        ConfigException e = mistake("allowExposure: [{operation: GET /products, field: \"items[].name\"}]\n");
        assertEquals("contracts.allowExposure[0].reason", e.field());
        assertTrue(e.getMessage().contains("is required"), e.getMessage());
        ConfigException blank = mistake("allowExposure: [{operation: GET /products, field: x, reason: \" \"}]\n");
        assertEquals("contracts.allowExposure[0]", blank.field());
        assertTrue(blank.getMessage().contains("reason: expected why exposing x is fine"), blank.getMessage());
    }

    @Test
    void anAllowedExposureIsCheckedFieldByField() throws IOException {
        ConfigException op = mistake("allowExposure: [{operation: products, field: x, reason: r}]\n");
        assertEquals("contracts.allowExposure[0]", op.field());
        assertTrue(op.getMessage().contains("expected an operation 'METHOD /path'"), op.getMessage());
        ConfigException field = mistake("allowExposure: [{operation: GET /products, field: \"$.items[*].name\", reason: r}]\n");
        assertTrue(field.getMessage().contains("field: expected a field path with arrays as []"), field.getMessage());
        ConfigException unknown = mistake("allowExposure: [{operation: GET /products, field: x, why: r}]\n");
        assertEquals("contracts.allowExposure[0].why", unknown.field());
    }
}
