package dev.gauntlet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gauntlet init} on the shipped pacts and the reference system's OpenAPI document, then {@code gate --dry-run}
 * on what it wrote (the plan checked without starting anything), and its exit codes.
 */
class InitCommandTest {
    private static final String OPENAPI = "src/demo/main/resources/dev/gauntlet/demo/openapi.json";

    @TempDir
    Path dir;

    @Test
    void theWrittenFilePassesTheDryRun() throws IOException {
        Path out = dir.resolve("environments/mine.yaml");
        assertEquals(0, Gauntlet.execute("init", "--openapi", OPENAPI, "--pacts", "contracts", "--start",
                "java -cp target/gauntlet.jar dev.gauntlet.demo.Demo orders-api --port ${port} --payments-url "
                        + "http://127.0.0.1:9 --test-hooks", "--state-change-path", "/_gauntlet/provider-state",
                "--out", out.toString()));
        assertTrue(Files.readString(out).contains("stateChangePath: /_gauntlet/provider-state"));
        assertEquals(0, Gauntlet.execute("gate", "--env", out.toString(), "--dry-run"));
        assertEquals(2, Gauntlet.execute("init", "--openapi", OPENAPI, "--pacts", "contracts", "--start",
                "my-api --port ${port}", "--out", out.toString()), "the file exists: --force overwrites it");
        assertEquals(0, Gauntlet.execute("init", "--openapi", OPENAPI, "--pacts", "contracts", "--start",
                "my-api --port ${port}", "--out", out.toString(), "--force"));
    }

    @Test
    void aMissingFileOrFolderIsExitTwo() {
        assertEquals(2, Gauntlet.execute("init", "--openapi", dir.resolve("none.json").toString(), "--pacts",
                "contracts", "--start", "x ${port}", "--out", dir.resolve("a.yaml").toString()));
        assertEquals(2, Gauntlet.execute("init", "--openapi", OPENAPI, "--pacts", dir.resolve("none").toString(),
                "--start", "x ${port}", "--out", dir.resolve("a.yaml").toString()));
        assertEquals(2, Gauntlet.execute("init", "--openapi", OPENAPI, "--pacts", "contracts"), "--start is required");
    }
}
