package dev.gauntlet.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.load.Timeline;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class ResourceObjectivesTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final double MB = 1024 * 1024;
    /** warmup 0-60 s (not scored), soak 60-660 s. */
    private static final Timeline TIMELINE = new Timeline(T0, List.of(
            new Timeline.Window("warmup", false, T0, T0 + 60_000, 20),
            new Timeline.Window("soak", true, T0 + 60_000, T0 + 660_000, 40)));

    private static Objective.Resource growth(double mbPerHour, Duration warmup) {
        return new Objective.Resource("soak api memory growth", new Objective.Scope("soak", null), "api",
                Objective.Resource.Metric.MEMORY_GROWTH, mbPerHour * MB, 0, warmup, 0.2);
    }

    /** One sample a second from T0 for {@code seconds}, memory in MB from {@code mb(second)}; every {@code skip}th missing. */
    private static ResourceSamples samples(int seconds, IntToDoubleFunction mb, int skip) {
        List<Long> at = new ArrayList<>();
        List<Long> kb = new ArrayList<>();
        int gaps = 0;
        for (int s = 0; s < seconds; s++) {
            if (skip > 0 && s % skip != 0) {
                gaps++;
                continue;
            }
            at.add(s * 1000L);
            kb.add(Math.round(mb.applyAsDouble(s) * 1024));
        }
        Double[] cpu = new Double[at.size()];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = i == 0 ? null : (double) (i % 100);
        }
        return new ResourceSamples(T0, 1000, List.of(new ResourceSamples.Series("api", "test", at.stream()
                .mapToLong(Long::longValue).toArray(), kb.stream().mapToLong(Long::longValue).toArray(), cpu, gaps, 0, null)));
    }

    @Test
    void aSteadyLeakFailsWithTheFitsFigures() {
        // 200 MB at the start of the soak, +0.1 MB/s = 360 MB/h, with ±1 MB noise
        Random noise = new Random(3);
        ResourceSamples s = samples(660, sec -> 200 + 0.1 * Math.max(0, sec - 60) + noise.nextGaussian(), 0);
        ObjectiveResult r = ResourceObjectives.evaluate(List.of(growth(100, null)), s, TIMELINE).get(0);
        assertEquals(Status.FAIL, r.status(), r.detail());
        assertEquals(360, r.measured(), 15);
        assertEquals("MB/h", r.unit());
        assertEquals(100, r.threshold(), 0);
        assertEquals(480, r.figures().get("samples"), 1, "the first 20 % of the soak (120 s) is left out");
        assertEquals(120, r.figures().get("warmupSeconds"), 0.1);
        assertTrue(r.figures().get("r2") > 0.9, "r² " + r.figures().get("r2"));
        assertEquals("api", r.operation());
        assertEquals("soak", r.phase());
        assertEquals("resource", r.kind());
    }

    @Test
    void growthOnlyDuringTheWarmUpPartPasses() {
        // a JVM sizing its heap: +40 MB over the first 100 s of the soak, flat after (noise ±0.5 MB)
        Random noise = new Random(5);
        ResourceSamples s = samples(660, sec -> 150 + 40 * Math.min(1, Math.max(0, sec - 60) / 100.0)
                + 0.5 * noise.nextGaussian(), 0);
        ObjectiveResult r = ResourceObjectives.evaluate(List.of(growth(100, null)), s, TIMELINE).get(0);
        assertEquals(Status.PASS, r.status(), r.detail());
        assertTrue(Math.abs(r.measured()) < 20, "flat after the warm-up: " + r.measured());
        ObjectiveResult noWarmup = ResourceObjectives.evaluate(List.of(growth(100, Duration.ZERO)), s, TIMELINE).get(0);
        assertEquals(Status.FAIL, noWarmup.status(), "fitted from the phase's start, the heap sizing looks like a leak: "
                + noWarmup.detail());
    }

    @Test
    void aWarmUpDurationMovesTheWindow() {
        ResourceSamples s = samples(660, sec -> 100, 0);
        ObjectiveResult r = ResourceObjectives.evaluate(List.of(growth(100, Duration.ofSeconds(300))), s, TIMELINE).get(0);
        assertEquals(300, r.figures().get("samples"), 1);
        assertEquals(Status.PASS, r.status());
        assertEquals(0, r.measured(), 0.01);
    }

    @Test
    void tooFewSamplesAreInconclusiveNotPass() {
        // one sample in 30 s read: 16 samples where 480 were expected
        ResourceSamples sparse = samples(660, sec -> 100 + sec, 30);
        ObjectiveResult r = ResourceObjectives.evaluate(List.of(growth(100, null)), sparse, TIMELINE).get(0);
        assertEquals(Status.INCONCLUSIVE, r.status(), r.detail());
        assertNull(r.measured());
        assertTrue(r.detail().contains("too few samples"), r.detail());
        assertTrue(r.detail().contains("gaps"), r.detail());
    }

    @Test
    void aServiceThatWasNotSampledIsInconclusive() {
        ObjectiveResult r = ResourceObjectives.evaluate(List.of(growth(100, null)), ResourceSamples.none(), TIMELINE).get(0);
        assertEquals(Status.INCONCLUSIVE, r.status());
    }

    @Test
    void scoresMaxMemoryAndCpuPercentiles() {
        ResourceSamples s = samples(660, sec -> sec < 300 ? 100 : 300, 0);
        Objective.Resource max = new Objective.Resource("max", new Objective.Scope("soak", null), "api",
                Objective.Resource.Metric.MAX_MEMORY, 256 * MB, 0, null, 0);
        ObjectiveResult m = ResourceObjectives.evaluate(List.of(max), s, TIMELINE).get(0);
        assertEquals(Status.FAIL, m.status());
        assertEquals(300, m.measured(), 0.1);
        Objective.Resource cpu = new Objective.Resource("cpu", new Objective.Scope(null, null), "api",
                Objective.Resource.Metric.CPU, 99, 95, null, 0);
        ObjectiveResult c = ResourceObjectives.evaluate(List.of(cpu), s, TIMELINE).get(0);
        // samples cycle 0..99 %: p95 is 94 or 95, below 99
        assertEquals(Status.PASS, c.status(), c.detail());
        assertTrue(c.measured() >= 93 && c.measured() <= 96, "p95 " + c.measured());
    }

    @Test
    void otherObjectivesAreLeftAlone() {
        Objective latency = new Objective.Latency("p95", new Objective.Scope("soak", null), 95, Duration.ofMillis(100));
        assertTrue(ResourceObjectives.evaluate(List.of(latency), ResourceSamples.none(), TIMELINE).isEmpty());
    }
}
