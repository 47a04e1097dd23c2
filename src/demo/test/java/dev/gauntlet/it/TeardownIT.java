package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nothing is left behind: not after Ctrl-C, and not after kill -9 once the next gate has run. */
class TeardownIT {
    private static final String[] LONG = {"--set", "load.settings.warmup=60s", "--set", "load.settings.baselineDuration=60s"};

    private static GauntletProcess startLongGate(Path out) throws Exception {
        List<String> a = new java.util.ArrayList<>(List.of("gate", "--out", out.toString()));
        a.addAll(List.of(LONG));
        GauntletProcess gate = GauntletProcess.start(a.toArray(String[]::new));
        gate.awaitOutput("[gate] load:", Duration.ofMinutes(2));
        Thread.sleep(3000); // the load worker is up and sending
        return gate;
    }

    private static void signal(String sig, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start().waitFor());
    }

    /**
     * Whether this process ignores SIGINT (a job started in the background by a non-interactive shell does, and its
     * children inherit it: a JVM then never sees Ctrl-C). Read from {@code SigIgn} in /proc/self/status.
     */
    private static boolean sigintIgnored() throws Exception {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    @Test
    void ctrlCStopsEveryChildAndStillWritesTheReport() throws Exception {
        Path out = Path.of("target/it/ctrl-c");
        GauntletProcess gate = startLongGate(out);
        List<ProcessHandle> children = gate.process.descendants().toList();
        assertTrue(children.size() >= 3, "two services and a load worker: " + children);
        // Ctrl-C; where this build runs with SIGINT ignored (inherited by the gate), SIGTERM takes the same path
        boolean ignored = sigintIgnored();
        signal(ignored ? "TERM" : "INT", gate.process.pid());
        assertEquals(ignored ? 143 : 130, gate.await(Duration.ofSeconds(60)),
                "a JVM ended by SIG" + (ignored ? "TERM" : "INT") + " exits 128 + its number: " + gate.output());
        Thread.sleep(500);
        assertEquals(List.of(), children.stream().filter(ProcessHandle::isAlive).toList(), gate.output());
        var report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("interrupted", report.at("/aborted/stage").asText());
        assertEquals("FAIL", report.get("verdict").asText());
    }

    @Test
    void theNextGateSweepsWhatAKilledGateLeftBehind() throws Exception {
        GauntletProcess killed = startLongGate(Path.of("target/it/killed"));
        List<ProcessHandle> children = killed.process.descendants().toList();
        signal("KILL", killed.process.pid());
        killed.process.waitFor();
        assertFalse(children.stream().noneMatch(ProcessHandle::isAlive), "kill -9 leaves children behind");

        GauntletProcess next = GauntletProcess.start("gate", "--out", "target/it/after-kill", "--set", "load.enabled=false");
        assertEquals(0, next.await(Duration.ofMinutes(2)), next.output());
        assertTrue(next.output().contains("left behind by an earlier gate"), next.output());
        assertEquals(List.of(), children.stream().filter(ProcessHandle::isAlive).toList());
    }
}
