package dev.gauntlet.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.environment.Reading;
import dev.gauntlet.environment.ResourceProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

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
