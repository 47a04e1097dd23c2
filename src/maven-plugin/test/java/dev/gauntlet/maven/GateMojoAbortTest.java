package dev.gauntlet.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.gate.FailingStage;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/**
 * The plugin's path ends as the CLI's does when a stage fails unexpectedly: the build fails with the aborted stage as
 * its reason, the run folder holds the report, and the project's service (a Python API, a real child process) is
 * stopped. The failure is injected through the gate's stage hook for this one run.
 */
class GateMojoAbortTest {
    @Test
    void aFailureInAStageFailsTheBuildWithTheAbortedReportAndNothingRunning() throws Exception {
        Path project = copy(Path.of("it", "python-api"), Path.of("target", "mojo-abort").toAbsolutePath());
        GateMojo mojo = new GateMojo();
        MavenProject maven = new MavenProject();
        maven.setFile(project.resolve("pom.xml").toFile());
        maven.getBuild().setDirectory(project.resolve("target").toString());
        set(mojo, "project", maven);
        set(mojo, "env", new File("environments/local.yaml"));
        set(mojo, "out", new File("target/gauntlet/aborted"));
        set(mojo, "set", new ArrayList<>(List.of("load.timeout=1m")));
        set(mojo, "pluginArtifacts", List.of());
        mojo.runner = (spec, runDir, console, workspace) -> FailingStage.run(spec, runDir, console, workspace, "load",
                new IllegalStateException("injected into load"));

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        Path run = project.resolve("target/gauntlet/aborted");
        assertTrue(e.getMessage().startsWith("gauntlet gate FAIL (report: " + run.resolve("index.html") + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("  - aborted in load: IllegalStateException: injected into load"), e.getMessage());

        JsonNode report = new ObjectMapper().readTree(run.resolve("report.json").toFile());
        assertEquals("load", report.at("/aborted/stage").asText());
        assertTrue(Files.exists(run.resolve("junit.xml")) && Files.exists(run.resolve("index.html")));
        assertTrue(report.at("/contracts/interactions").asInt() > 0, "the contracts ran before the load: " + report);
        long pid = report.at("/environment/services/0/pid").asLong();
        assertTrue(pid > 0, report.at("/environment").toString());
        Thread.sleep(300);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the Python API was stopped");
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = GateMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
