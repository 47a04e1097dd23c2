package dev.gauntlet.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

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

    @Test
    void aProbeThatFailsLeavesGapsAndTheOthersGoOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ResourceProbe broken = new ResourceProbe() {
            @Override
            public String source() {
                return "broken";
            }

            @Override
            public Reading read() throws Exception {
                throw new java.io.IOException("permission denied");
            }
        };
        ResourceProbe fine = new ResourceProbe() {
            @Override
            public String source() {
                return "fine";
            }

            @Override
            public Reading read() {
                int n = calls.incrementAndGet();
                return new Reading(n * 1024L * 1024, n * 10_000_000L, "one");
            }
        };
        Map<String, ResourceProbe> probes = new LinkedHashMap<>();
        probes.put("a", broken);
        probes.put("b", fine);
        ResourceSampler sampler = ResourceSampler.start(probes, Duration.ofMillis(50));
        Thread.sleep(400);
        ResourceSamples samples = sampler.stop();
        assertEquals(samples, sampler.stop(), "stop is idempotent");
        ResourceSamples.Series a = samples.of("a");
        ResourceSamples.Series b = samples.of("b");
        assertEquals(0, a.size());
        assertTrue(a.gaps() >= 3, "gaps " + a.gaps());
        assertTrue(a.problem().contains("permission denied"), a.problem());
        assertTrue(b.size() >= 3, "samples " + b.size());
        assertEquals(0, b.gaps());
        assertNull(b.cpuPercent()[0], "no CPU figure before a second reading");
        assertNotNull(b.cpuPercent()[1]);
        for (int i = 1; i < b.size(); i++) {
            assertTrue(b.atMillis()[i] > b.atMillis()[i - 1]);
            assertEquals(b.rssKB()[i - 1] + 1024, b.rssKB()[i]);
        }
        int after = calls.get();
        Thread.sleep(150);
        assertEquals(after, calls.get(), "no sampling after stop");
        assertEquals(List.of("a", "b"), samples.services().stream().map(ResourceSamples.Series::service).toList());
    }
}
