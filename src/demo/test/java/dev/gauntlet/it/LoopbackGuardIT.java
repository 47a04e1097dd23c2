package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The load never leaves loopback, without the Security Manager: a whole gate runs inside a fresh network namespace
 * (only {@code lo}, so no packet could leave even if the guard failed) with a simulation that tries to reach a
 * non-loopback address and name. The attempts are refused, reported and fail the gate. Runs on JDK 17 and on JDK 25
 * ({@link LoopbackGuardOnJdk25IT}).
 */
@org.junit.jupiter.api.Tag(GateIT.EVERY_JDK)
class LoopbackGuardIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void attemptsToLeaveLoopbackAreRefusedReportedAndFailTheGate() throws Exception {
        assumeNetworkNamespaces();
        Path out = GauntletProcess.out("phoning-home").toAbsolutePath();
        java.nio.file.Files.createDirectories(out.getParent());
        Path testClasses = Path.of(LoopbackGuardIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$@\"",
                "isolated", GauntletProcess.java(),
                "-cp", GauntletProcess.JAR.toAbsolutePath() + File.pathSeparator + testClasses,
                "dev.gauntlet.cli.Gauntlet", "gate", "--out", out.toString(),
                "--set", "contracts.enabled=false", "--set", "objectives=[]", "--set", "load.settings=null",
                "--set", "load.simulation=" + PhoningHomeSimulation.class.getName()));
        Process gate = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling("phoning-home.log").toFile()).start();
        if (!gate.waitFor(3, TimeUnit.MINUTES)) {
            gate.descendants().forEach(ProcessHandle::destroyForcibly);
            gate.destroyForcibly();
            throw new AssertionError("the gate did not finish within 3 minutes");
        }
        String log = java.nio.file.Files.readString(out.resolveSibling("phoning-home.log"));
        assertEquals(1, gate.exitValue(), log);
        JsonNode r = JSON.readTree(out.resolve("report.json").toFile());
        List<String> refused = new ArrayList<>();
        r.at("/load/refusedConnections").forEach(n -> refused.add(n.asText()));
        assertTrue(refused.contains("192.0.2.1:80"), "the address attempt is reported: " + refused);
        assertTrue(refused.contains("phone-home.invalid"), "the name lookup is refused before any DNS query: " + refused);
        assertEquals("FAIL", r.get("verdict").asText());
        assertTrue(r.get("reasons").toString().contains("hosts other than loopback"), r.get("reasons").toString());
        assertTrue(r.at("/load/requests").asLong() > 10, "the real traffic still ran: " + r.get("load"));
        assertTrue(!log.contains("WARNING"), "no JVM warnings (Security Manager, Unsafe, native access): " + log);
    }

    /** Root and util-linux's unshare make a network namespace; anywhere else this test cannot isolate itself. */
    private static void assumeNetworkNamespaces() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("unshare", "-n", "sh", "-c", "ip link set lo up").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("no unshare on this machine: " + e.getMessage());
            return;
        }
        boolean done = probe.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
        String why = new String(probe.getInputStream().readAllBytes());
        Assumptions.assumeTrue(done && probe.exitValue() == 0,
                "cannot create a network namespace here (needs root, unshare and ip): " + why);
    }
}
