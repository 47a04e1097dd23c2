package dev.gauntlet.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The resource probe of local services: a process tree from {@code /proc}. */
class ProcessTreeProbeTest {

    @Test
    void readsTheWholeProcessTreeOfARealProcess() throws Exception {
        // a shell with two sleeping children: the tree holds three processes
        Process p = new ProcessBuilder("sh", "-c", "sleep 30 & sleep 30 & wait").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (p.toHandle().descendants().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Reading tree = new ProcessTreeProbe(p::pid).read();
            assertNotNull(tree);
            long shell = ProcessTreeProbe.rssBytes(java.nio.file.Files.readString(
                    java.nio.file.Path.of("/proc/" + p.pid() + "/status")));
            assertTrue(tree.rssBytes() > shell, "the tree (" + tree.rssBytes() + " B) holds more than the shell ("
                    + shell + " B)");
            assertEquals("pid " + p.pid(), tree.instance());
        } finally {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        assertNull(new ProcessTreeProbe(p::pid).read(), "an ended process is not running: a gap, not an error");
    }

    @Test
    void seesThisJvmUseCpu() throws Exception {
        ProcessTreeProbe self = new ProcessTreeProbe(() -> ProcessHandle.current().pid());
        Reading before = self.read();
        long spin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        double sink = 0;
        while (System.nanoTime() < spin) {
            sink += Math.sqrt(sink + 1);
        }
        Reading after = self.read();
        assertTrue(after.cpuNanos() - before.cpuNanos() >= 100_000_000L, "300 ms of spinning shows as CPU time: "
                + (after.cpuNanos() - before.cpuNanos()) + " ns (" + sink + ")");
        assertTrue(after.rssBytes() > 10 * 1024 * 1024, "a JVM holds more than 10 MB");
    }

    @Test
    void parsesProcFiles() {
        assertEquals(123456L * 1024, ProcessTreeProbe.rssBytes("Name:\tjava\nVmRSS:\t  123456 kB\nThreads:\t3\n"));
        assertEquals(0, ProcessTreeProbe.rssBytes("Name:\tzombie\nState:\tZ\n"));
        String stat = "4711 (my (odd) cmd) S 1 4711 4711 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 1 0 100 0 0";
        assertEquals(300, ProcessTreeProbe.cpuTicks(stat));
    }
}
