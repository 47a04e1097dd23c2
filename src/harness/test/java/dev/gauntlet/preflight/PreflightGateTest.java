package dev.gauntlet.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.gate.Gate;
import dev.gauntlet.config.GateSpecs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gate (not a dry run) with a mistake: settings and phase mistakes, found by the simulation's dry run while the
 * environment starts, stop it before anything runs against the API; an operation mistake against a document the API serves stops it after the API is up and before any contract runs.
 * Either way: exit 2, the report written with {@code aborted.stage = config}, nothing left running. Alone: "nothing left
 * running" counts every child of this JVM, and the test classes beside it start JVMs of their own.
 */
@Isolated
class PreflightGateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An API (python's file server on DIR/api) that is up once DIR/api/health exists. */
    private static final String SERVED = """
                name: served
                services:
                  items-api:
                    underTest: true
                    command: ["python3", "-m", "http.server", "${port}", "--bind", "127.0.0.1", "--directory", "DIR/api"]
                    health: /health
                    startTimeout: 20s
                """;

    @TempDir
    Path dir;

    private Gate.Outcome gate(String env) throws IOException {
        Path file = UserMistakes.project(dir, env);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        return Gate.run(GateSpecs.load(file, Map.of()), dir.resolve("run"),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    /** What {@link #SERVED} serves: its health, and with {@code document} the OpenAPI document at /openapi.json. */
    private void serveApi(boolean document) throws IOException {
        Path api = Files.createDirectories(dir.resolve("api"));
        Files.writeString(api.resolve("health"), "ok");
        if (document) {
            Files.writeString(api.resolve("openapi.json"), JSON.writeValueAsString(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(UserMistakes.OPENAPI)));
        }
    }

    private JsonNode report() throws IOException {
        return JSON.readTree(dir.resolve("run/report.json").toFile());
    }

    @Test
    void aMisspeltSettingStopsTheGateBeforeAnyServiceStarts() throws IOException {
        Gate.Outcome outcome = gate(UserMistakes.ENV.replace("baselineDuration: 2s", "baselineDurtion: 2s"));
        assertEquals(Gate.USAGE, outcome.exitCode());
        JsonNode report = report();
        assertEquals("config", report.at("/aborted/stage").asText(), report.toPrettyString());
        assertTrue(report.at("/aborted/reason").asText().contains("load.settings.baselineDurtion"), report.toString());
        // the simulation's dry run goes on while the environment starts: what started is stopped again
        assertEquals(0, ProcessHandle.current().children().count(), "nothing left running");
    }

    @Test
    void aMisspeltPhaseInAFaultStopsTheGateBeforeAnyServiceStarts() throws IOException {
        Gate.Outcome outcome = gate(UserMistakes.ENV.replace("phase: spike, at", "phase: spkie, at"));
        assertEquals(Gate.USAGE, outcome.exitCode());
        JsonNode report = report();
        assertTrue(report.at("/aborted/reason").asText().contains("faults[0].phase: no phase 'spkie'"), report.toString());
        assertEquals(0, ProcessHandle.current().children().count(), "nothing left running");
    }

    /** The pacts are read beside the environment start (with the dry run): a file that is no pact still ends it. */
    @Test
    void aFileThatIsNoPactStopsTheGateBeforeAnyContractRuns() throws IOException {
        Path env = UserMistakes.project(dir, UserMistakes.ENV);
        Files.writeString(dir.resolve("contracts/notes.json"), "{\"todo\": []}");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Gate.Outcome outcome = Gate.run(GateSpecs.load(env, Map.of()), dir.resolve("run"),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(Gate.USAGE, outcome.exitCode(), console.toString(StandardCharsets.UTF_8));
        JsonNode report = report();
        assertEquals("config", report.at("/aborted/stage").asText(), report.toPrettyString());
        assertTrue(report.at("/aborted/reason").asText().contains("notes.json is not a Pact file"), report.toString());
        assertTrue(report.get("contracts") == null || report.get("contracts").isNull(), "no contract ran: " + report);
        assertEquals(0, ProcessHandle.current().children().count(), "nothing left running");
    }

    @Test
    void anOperationMistakeInADocumentTheApiServesStopsTheGateBeforeAnyContractRuns() throws IOException {
        serveApi(true);
        String env = SERVED + """
                contracts:
                  folder: DIR/contracts
                  openapi: /openapi.json
                  allowExposure:
                    - {operation: "GET /itemz/{id}", field: price, reason: "public price"}
                load:
                  enabled: false
                """;
        JsonNode report = stoppedAfterTheApiIsUp(env, "contracts.allowExposure[0].operation: no operation "
                + "'GET /itemz/{id}'", "GET /items, POST /items, GET /items/{id}");
        assertEquals(1, report.at("/environment/services").size(), "the API was up: " + report);
    }

    /** Runs the gate on {@code env}: exit 2 in stage config, the reason with every fragment, no contract run. */
    private JsonNode stoppedAfterTheApiIsUp(String env, String... fragments) throws IOException {
        Gate.Outcome outcome = gate(env);
        assertEquals(Gate.USAGE, outcome.exitCode());
        JsonNode report = report();
        String reason = report.at("/aborted/reason").asText();
        assertEquals("config", report.at("/aborted/stage").asText(), report.toPrettyString());
        for (String fragment : fragments) {
            assertTrue(reason.contains(fragment), "'" + fragment + "' in " + report);
        }
        assertTrue(report.get("contracts") == null || report.get("contracts").isNull(), "no contract ran: " + report);
        assertEquals(0, ProcessHandle.current().children().count(), "nothing left running");
        return report;
    }

    /**
     * Without an OpenAPI document a public operation is checked against the operations of the contracts: a template
     * ({@code GET /items/{id}}) covers the pact's concrete request ({@code GET /items/1}), {@code GET /nothing} is exit 2.
     */
    @Test
    void aPublicOperationNoContractHasStopsTheGateBeforeAnyContractRuns() throws IOException {
        serveApi(false);
        String env = SERVED + """
                contracts:
                  folder: DIR/contracts
                security:
                  publicOperations: ["GET /items/{id}", "GET /nothing"]
                load:
                  enabled: false
                """;
        stoppedAfterTheApiIsUp(env, "security.publicOperations[1]: no operation 'GET /nothing' in the operations of "
                + "the contracts for 'items-api'", "they have: GET /items/1");
    }

    /**
     * The document the API serves is fetched once per run, however many stages read it (before the inputs were loaded
     * once, the operation check, verification, the probes and the checks after the load each fetched it).
     */
    @Test
    void theServedDocumentIsFetchedOnceForEveryStage() throws IOException {
        serveApi(true);
        gate(SERVED + """
                contracts:
                  folder: DIR/contracts
                  openapi: /openapi.json
                security:
                  maxProbes: 5
                load:
                  enabled: false
                """);
        JsonNode report = report();
        assertTrue(report.at("/aborted").isMissingNode() || report.at("/aborted").isNull(), report.toPrettyString());
        assertEquals(3, report.at("/contracts/coverage/operations").asInt(), "coverage read the document: " + report);
        assertTrue(report.at("/security/kinds").size() > 0, "the probes' stage ran: " + report);
        String log = Files.readString(dir.resolve("run/services/items-api.log"));
        assertEquals(1, log.lines().filter(l -> l.contains("GET /openapi.json")).count(), log);
        assertEquals(0, ProcessHandle.current().children().count(), "nothing left running");
    }
}
