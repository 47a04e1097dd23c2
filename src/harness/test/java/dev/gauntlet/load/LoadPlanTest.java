package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadPlanTest {
    private final LoadPlan plan = LoadPlan.warmup(20, Duration.ofSeconds(10))
            .hold("baseline", 40, Duration.ofSeconds(30))
            .rampTo("ramp", 160, Duration.ofSeconds(5))
            .hold("spike", 160, Duration.ofSeconds(10));

    @Test
    void aPlanReadsLikeItsPhases() {
        assertEquals(4, plan.phases().size());
        assertEquals(4, plan.injection().length);
        assertFalse(plan.phases().get(0).scored(), "warm-up is never scored");
        Phase ramp = plan.phases().get(2);
        assertEquals(40, ramp.fromRps());
        assertEquals(160, ramp.toRps());
        assertEquals(100, ramp.meanRps());
        assertEquals(Duration.ofSeconds(55), plan.duration());
    }

    @Test
    void theTimelineLaysPhasesBackToBack() {
        Timeline t = Timeline.of(plan, 1_000_000);
        assertEquals(1_000_000, t.windows().get(0).start());
        assertEquals(1_010_000, t.windows().get(1).start());
        assertEquals(1_055_000, t.endEpochMillis());
        assertEquals(0, t.indexAt(999_000), "before the start counts as the first phase");
        assertEquals(0, t.indexAt(1_009_999));
        assertEquals(1, t.indexAt(1_010_000));
        assertEquals(3, t.indexAt(1_054_999));
        assertEquals(3, t.indexAt(2_000_000), "stragglers after the end count as the last phase");
    }

    @Test
    void phaseNamesAreUniqueAndValid() {
        assertThrows(IllegalArgumentException.class, () -> plan.hold("spike", 10, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> plan.hold("Cool Down", 10, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> plan.hold("soak", 10, Duration.ZERO));
        assertTrue(LoadPlan.empty().phases().isEmpty());
        assertThrows(IllegalStateException.class, () -> LoadPlan.empty().injection());
    }
}
