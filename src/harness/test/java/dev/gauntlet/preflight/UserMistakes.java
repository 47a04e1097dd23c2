package dev.gauntlet.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small project for trying mistakes in: an environment file that is right as written ({@link #ENV}), a pact for
 * its provider, an OpenAPI document as a file, and {@link ItemsSimulation} as the load. Services write a marker
 * file when they start, so a test can tell that nothing was started.
 */
final class UserMistakes {
    /** A correct environment file; {@code DIR} stands for the project folder. */
    static final String ENV = """
            name: shop
            services:
              db:
                command: ["sh", "-c", "touch DIR/started-db; sleep 30"]
                health: /health
                startTimeout: 5s
              items-api:
                underTest: true
                dependsOn: [db]
                command: ["sh", "-c", "touch DIR/started-items-api; sleep 30"]
                health: /health
                startTimeout: 5s
            contracts:
              folder: DIR/contracts
              openapi: REL/openapi.yaml   # a file: a path starting with / is one the API serves
              coverageIgnore: ["POST /items"]
              allowExposure:
                - {operation: "GET /items/{id}", field: price, reason: "public price"}
            load:
              simulation: dev.gauntlet.preflight.ItemsSimulation
              timeout: 2m
              settings:
                warmup: 1s
                baselineRate: 5/s
                baselineDuration: 2s
            objectives:
              - {phase: baseline, latency: p95 < 250ms}
              - {phase: baseline, operation: "GET /items/{id}", errors: < 1%}
              - {phase: spike, operation: "*", latency: p99 < 500ms}
              - {errorBudget: 99.5%, maxBurnRate: 1}
            faults:
              - {service: db, kind: pause, phase: spike, at: 1s, duration: 1s}
            """;

    static final String OPENAPI = """
            openapi: 3.0.3
            info: {title: items, version: "1"}
            paths:
              /items:
                get: {responses: {"200": {description: ok}}}
                post: {responses: {"201": {description: created}}}
              /items/{id}:
                get: {responses: {"200": {description: ok}}}
            """;

    static final String PACT = """
            {"consumer": {"name": "shop-ui"}, "provider": {"name": "items-api"},
             "interactions": [{"type": "Synchronous/HTTP", "key": "k1", "description": "an item",
               "request": {"method": "GET", "path": "/items/1"},
               "response": {"status": 200, "body": {"content": {"id": "1"}, "contentType": "application/json"}}}],
             "metadata": {"pactSpecification": {"version": "4.0"}}}
            """;

    private UserMistakes() {
    }

    /** Writes the project into {@code dir} with {@code env} as {@code env.yaml}; returns the environment file. */
    static Path project(Path dir, String env) throws IOException {
        Files.createDirectories(dir.resolve("contracts"));
        Files.writeString(dir.resolve("contracts/shop-ui-items-api.json"), PACT);
        Files.writeString(dir.resolve("openapi.yaml"), OPENAPI);
        Path file = dir.resolve("env.yaml");
        String relative = Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath()).toString();
        Files.writeString(file, env.replace("DIR", dir.toString()).replace("REL", relative));
        return file;
    }

    /** Whether some service was started (it leaves a marker). */
    static boolean anythingStarted(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("started-"));
        }
    }
}
