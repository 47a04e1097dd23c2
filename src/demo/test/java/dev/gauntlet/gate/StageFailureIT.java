package dev.gauntlet.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.process.Workspace;
import dev.gauntlet.config.GateSpecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A failure injected into each stage of a real gate (the reference system's two services as child processes, traffic
 * from its contracts, a Payments pause that outlasts the load) ends as an aborted report on disk (report.json,
 * junit.xml, index.html, the stack trace in the run folder), with every process stopped and the fault reverted. The
 * failure comes through the gate's stage hook, which only this run sees. Each gate runs in a JVM of its own
 * ({@link StageFailureRun}), which must have no child left when the gate returns: the gates other tests run beside it
 * are not its children.
 */
class StageFailureIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path env;

    @BeforeAll
    static void environment() throws Exception {
        Path dir = Path.of("target", "it", "stage-failure").toAbsolutePath();
        Files.createDirectories(dir);
        env = dir.resolve("env.yaml");
        Files.writeString(env, String.join("\n",
                "extends: " + Path.of("environments", "contracts.yaml").toAbsolutePath(),
                "name: stage-failure",
                "load:",
                "  timeout: 2m",
                "  plan:",
                "    - {phase: warmup, rate: 5/s, duration: 2s}",
                "    - {phase: baseline, rate: 10/s, duration: 4s}",
                "objectives:",
                "  - {phase: baseline, latency: p95 < 10s}",
                "faults:                   # still on when the load ends: teardown must revert it",
                "  - {service: payments, kind: pause, phase: baseline, at: 3s, duration: 10m}",
                ""));
    }

    /** What a gate with a failure injected did: its exit code, console, the pids it was seen running, the JVM's pid. */
    private record Run(int exitCode, String console, Set<Long> seen, List<String> left, long jvm) {
    }

    /**
     * Runs the gate of {@code envFile} with {@code failing} throwing ({@code exception} or {@code error}) as it
     * begins, in a JVM of its own ({@link StageFailureRun}): the processes it started are told apart from those of
     * the gates other tests run beside it.
     */
    private static Run run(Path envFile, String failing, String failure, Path out) throws Exception {
        Files.createDirectories(out);
        Path log = out.resolveSibling(out.getFileName() + "-console.txt");
        Workspace w = Workspace.current();
        Process p = new ProcessBuilder(w.java(), "-cp", w.classpathArgument(), StageFailureRun.class.getName(),
                envFile.toString(), failing, failure, out.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("the gate did not end within 5 minutes: " + log);
        }
        String console = Files.readString(log);
        Set<Long> seen = Files.readAllLines(out.resolve(StageFailureRun.SEEN)).stream().filter(l -> !l.isBlank())
                .map(Long::valueOf).collect(Collectors.toSet());
        return new Run(p.exitValue(), console, seen, Files.readAllLines(out.resolve(StageFailureRun.LEFT)), p.pid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"config", "environment", "contracts", "security", "traffic", "faults", "load", "checks", "scoring",
            "report"})
    void aFailureInAnyStageEndsAsAnAbortedReportWithNothingLeftRunning(String stage) throws Exception {
        Path out = Path.of("target", "it", "stage-failure", stage).toAbsolutePath();
        Run run = run(env, stage, "exception", out);
        String why = run.console();

        assertEquals(stage.equals("environment") ? Gate.ENVIRONMENT_FAILED : Gate.FAILED, run.exitCode(), why);
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals("FAIL", report.get("verdict").asText(), why);
        assertEquals(stage, report.at("/aborted/stage").asText(), why);
        assertEquals("java.lang.IllegalStateException", report.at("/aborted/exception").asText(), why);
        assertTrue(report.at("/aborted/reason").asText().contains("injected into " + stage), why);
        String trace = Files.readString(out.resolve(report.at("/aborted/stackTrace").asText()));
        assertTrue(trace.contains("IllegalStateException: injected into " + stage) && trace.contains("\tat "), trace);
        assertFalse(why.contains("\tat "), "no stack trace on the console:\n" + why);

        String reason = "aborted in " + stage + ": IllegalStateException: injected into " + stage;
        assertTrue(texts(report.get("reasons")).stream().anyMatch(r -> r.startsWith(reason)), report.get("reasons").toString());
        assertTrue(failureMessages(out).stream().anyMatch(m -> m.startsWith(reason)), "junit.xml has the failure");
        assertTrue(Files.readString(out.resolve("index.html")).contains(reason), "index.html names the stage");
        assertTrue(why.contains("ABORTED in " + stage) || why.contains("  - " + reason), why);

        List<Long> pids = new ArrayList<>();
        report.at("/environment/services").forEach(s -> pids.add(s.get("pid").asLong()));
        pids.addAll(run.seen());
        if (List.of("contracts", "security", "traffic", "faults", "load", "checks", "scoring").contains(stage)) {
            assertEquals(GateSpecs.load(env, Map.of()).environment().services().size(),
                    report.at("/environment/services").size(), "every service had started: " + why);
        }
        Thread.sleep(300);
        List<Long> alive = pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .distinct().toList();
        assertEquals(List.of(), alive, "every process the gate started is stopped:\n" + why);
        assertEquals(List.of(), run.left(), "no child of the gate's JVM is left");
        assertFalse(Files.exists(Path.of(System.getProperty("java.io.tmpdir"), "gauntlet-" + System.getProperty("user.name"),
                "live", run.jvm() + ".pids")), "the leftovers record is cleared");
        if (stage.equals("checks")) { // the load is over but the Payments pause is still on: teardown resumes it
            JsonNode fault = report.at("/faults/0");
            assertEquals("pause", fault.get("kind").asText(), report.toPrettyString());
            assertNotNull(fault.get("end").textValue(), "the pause was reverted in teardown: " + fault);
            assertTrue(fault.get("error").isNull(), "and reverting it worked: " + fault);
            assertTrue(why.indexOf("[faults] payments pause off") > why.indexOf("[faults] payments pause on"), why);
        }
    }

    @Test
    void onContainersAFailureAfterTheLoadLeavesNoContainerAndNoPausedOne() throws Exception {
        Path containers = env.resolveSibling("containers.yaml");
        Files.writeString(containers, String.join("\n",
                "extends: " + Path.of("environments", "ci.yaml").toAbsolutePath(),
                "name: stage-failure-containers",
                "load:",
                "  simulation: null",
                "  settings: null",
                "  from: contracts",
                "  timeout: 2m",
                "  plan:",
                "    - {phase: warmup, rate: 5/s, duration: 2s}",
                "    - {phase: baseline, rate: 10/s, duration: 4s}",
                "objectives:",
                "  - {phase: baseline, latency: p95 < 10s}",
                "faults:                   # docker pause, still on when the load ends",
                "  - {service: payments, kind: pause, phase: baseline, at: 3s, duration: 10m}",
                ""));
        Path out = Path.of("target", "it", "stage-failure", "containers").toAbsolutePath();
        Run run = run(containers, "checks", "exception", out);
        String why = run.console();
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals(Gate.FAILED, run.exitCode(), why);
        assertEquals("checks", report.at("/aborted/stage").asText(), why);
        assertEquals("containers", report.at("/environment/kind").asText(), why);
        JsonNode fault = report.at("/faults/0");
        assertNotNull(fault.get("end").textValue(), "docker pause was reverted in teardown: " + fault + "\n" + why);
        assertTrue(fault.get("error").isNull(), "and reverting it worked: " + fault);
        Process ps = new ProcessBuilder("docker", "ps", "-aq", "--filter",
                "label=dev.gauntlet.run=" + run.jvm()).redirectErrorStream(true).start();
        String left = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, ps.waitFor());
        assertEquals("", left, "no container of this gate is left (running, paused or stopped):\n" + why);
    }

    @Test
    void anErrorIsCaughtToo() throws Exception {
        Path out = Path.of("target", "it", "stage-failure", "error").toAbsolutePath();
        Run run = run(env, "contracts", "error", out);
        assertEquals(Gate.FAILED, run.exitCode(), run.console());
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals("contracts", report.at("/aborted/stage").asText());
        assertEquals("java.lang.NoClassDefFoundError", report.at("/aborted/exception").asText());
        assertEquals(List.of(), run.left(), run.console());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> failureMessages(Path out) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile());
        NodeList failures = doc.getElementsByTagName("failure");
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < failures.getLength(); i++) {
            messages.add(((Element) failures.item(i)).getAttribute("message"));
        }
        return messages;
    }
}
