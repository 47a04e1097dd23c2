package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerJitTest {
    private static final List<String> C1 = List.of("-XX:TieredStopAtLevel=1");

    @Test
    void aGateSizedPlanCompilesWithC1Only() {
        // the reference gate at its maxima: 20/s for 30 s, 30/s for 30 s, 180/s for 15 s, 30/s for 30 s
        LoadPlan plan = LoadPlan.warmup(20, Duration.ofSeconds(30)).baseline(30, Duration.ofSeconds(30))
                .spike(6, Duration.ofSeconds(15)).recovery(Duration.ofSeconds(30));
        assertEquals(C1, WorkerJit.options(plan));
    }

    @Test
    void aLongOrFastPlanOrAnUnknownOneKeepsBothCompilers() {
        assertEquals(List.of(), WorkerJit.options(LoadPlan.empty().hold("soak", 50, Duration.ofHours(1))),
                "180,000 arrivals");
        assertEquals(List.of(), WorkerJit.options(LoadPlan.empty().hold("burst", 5_000, Duration.ofSeconds(5))),
                "5,000/s, though only 25,000 arrivals");
        assertEquals(C1, WorkerJit.options(LoadPlan.empty().hold("edge", 1_000, Duration.ofSeconds(100))),
                "100,000 arrivals at 1,000/s");
        assertEquals(List.of(), WorkerJit.options(null), "a simulation's own injection");
        assertEquals(List.of(), WorkerJit.options(LoadPlan.empty()));
    }
}
