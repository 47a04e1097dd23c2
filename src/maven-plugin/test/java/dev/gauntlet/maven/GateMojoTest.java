package dev.gauntlet.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gauntlet.gate.Gate;
import dev.gauntlet.slo.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class GateMojoTest {
    @Test
    void overridesArePathEqualsValue() throws MojoExecutionException {
        assertEquals(Map.of("load.enabled", "false", "load.settings.query", "a=b"),
                GateMojo.overrides(List.of("load.enabled=false", " load.settings.query = a=b ")));
    }

    @Test
    void piecesOfAValueThatMavenSplitAtCommasAreJoinedBack() throws MojoExecutionException {
        // -Dgauntlet.set=load.settings.apiKeys=key-a,key-b,load.plan[1].duration=60s
        assertEquals(Map.of("load.settings.apiKeys", "key-a,key-b", "load.plan[1].duration", "60s"),
                GateMojo.overrides(List.of("load.settings.apiKeys=key-a", "key-b", "load.plan[1].duration=60s")));
    }

    @Test
    void blankEntriesAreIgnored() throws MojoExecutionException {
        assertEquals(Map.of(), GateMojo.overrides(Arrays.asList(null, " ")));
    }

    @Test
    void anEntryWithoutPathIsRefusedWithTheCliForm() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> GateMojo.overrides(List.of("=60s")));
        assertEquals("gauntlet: set: expected path=value such as load.settings.rate=40 (as the CLI's --set), got '=60s'",
                e.getMessage());
    }

    private static final Path RUN = Path.of("/p/target/gauntlet/1");
    private static final String NL = System.lineSeparator();
    private final List<String> logged = new ArrayList<>();
    private final SystemStreamLog log = new SystemStreamLog() {
        @Override
        public void info(CharSequence content) {
            logged.add("info " + content);
        }

        @Override
        public void warn(CharSequence content) {
            logged.add("warn " + content);
        }
    };

    @Test
    void aPassSucceeds() throws Exception {
        GateMojo.judge(Gate.PASSED, Status.PASS, List.of(), RUN, true, log);
        assertEquals(List.of("info gauntlet gate PASS (report: /p/target/gauntlet/1/index.html)"), logged);
    }

    @Test
    void aWarnSucceedsWithItsReasonsAsWarningsUnlessFailOnWarn() throws Exception {
        GateMojo.judge(Gate.PASSED, Status.WARN, List.of("p95: too few samples"), RUN, false, log);
        assertEquals("warn gauntlet: p95: too few samples", logged.get(0));
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> GateMojo.judge(Gate.PASSED,
                Status.WARN, List.of("p95: too few samples"), RUN, true, log));
        assertEquals("gauntlet gate WARN (failOnWarn) (report: /p/target/gauntlet/1/index.html)" + NL
                + "  - p95: too few samples", e.getMessage());
    }

    @Test
    void aFailFailsTheBuildWithOneReasonPerLine() {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> GateMojo.judge(Gate.FAILED,
                Status.FAIL, List.of("contract broken: a / b: body $.x: wrong", "aborted in load: worker failed\nlog tail"),
                RUN, false, log));
        assertEquals("gauntlet gate FAIL (report: /p/target/gauntlet/1/index.html)" + NL
                + "  - contract broken: a / b: body $.x: wrong" + NL
                + "  - aborted in load: worker failed log tail", e.getMessage());
    }

    @Test
    void anEnvironmentThatCannotStartIsABuildError() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> GateMojo.judge(
                Gate.ENVIRONMENT_FAILED, Status.FAIL, List.of("aborted in environment: service 'api' exited with code 1"),
                RUN, false, log));
        assertEquals("gauntlet: the environment could not start (report: /p/target/gauntlet/1/index.html)" + NL
                + "  - aborted in environment: service 'api' exited with code 1", e.getMessage());
    }

    @Test
    void aConfigurationErrorFoundByTheGateIsABuildErrorOfOneLine() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> GateMojo.judge(Gate.USAGE,
                Status.FAIL, List.of("aborted in config: env.yaml: load.simulation: no class NopeSimulation"), RUN,
                false, log));
        assertEquals("gauntlet: env.yaml: load.simulation: no class NopeSimulation", e.getMessage());
    }

    @Test
    void aConfigurationErrorFoundInAnyStageIsABuildErrorWithoutTheStagePrefix() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> GateMojo.judge(Gate.USAGE,
                Status.FAIL, List.of("aborted in traffic: env.yaml: load.mix names GET /nope, not an operation"), RUN,
                false, log));
        assertEquals("gauntlet: env.yaml: load.mix names GET /nope, not an operation", e.getMessage());
    }
}
