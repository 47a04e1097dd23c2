package dev.gauntlet.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rendering of a threshold: the comparator as written, counts as whole numbers. */
class ThresholdsTest {
    private static ObjectiveResult result(Comparison c, Double measured, double threshold, String unit) {
        return new ObjectiveResult("o", "latency", "baseline", "all", Status.PASS, measured, c, threshold, unit,
                measured == null ? null : threshold - measured, 10, "", Map.of());
    }

    @Test
    void theComparatorIsTheOneWritten() {
        assertEquals("< 150 ms", Thresholds.limit(result(Comparison.BELOW, 10.0, 150, "ms")));
        assertEquals("<= 2 x", Thresholds.limit(result(Comparison.AT_MOST, 1.0, 2, "x")));
        assertEquals(">= 95 %", Thresholds.limit(result(Comparison.AT_LEAST, 97.5, 95, "%")));
        assertEquals("> 95 %", Thresholds.limit(result(Comparison.ABOVE, 97.5, 95, "%")));
    }

    @Test
    void countsAreWholeNumbers() {
        assertEquals("< 3 failed", Thresholds.limit(result(Comparison.BELOW, 0.0, 3, "failed")));
        assertEquals("0 failed", Thresholds.value(0.0, "failed"));
        assertEquals("<= 2 writes", Thresholds.limit(result(Comparison.AT_MOST, 3.0, 2, "writes")));
        assertEquals("-3 writes", Thresholds.value(-3.0, "writes"));
        assertEquals("2 expired", Thresholds.value(2.0, "expired"));
        assertEquals("0.0 %", Thresholds.value(0.0, "%"), "a share is no count");
    }

    /** Security probes, lost writes, caching breaches, expired findings: none may happen, said in words. */
    @Test
    void aCountThatMustStayZeroIsSaidInWords() {
        assertEquals("none may fail", Thresholds.limit(result(Comparison.BELOW, 0.0, 1, "failed")));
        assertEquals("none may fail", Thresholds.limit(result(Comparison.AT_MOST, 2.0, 0, "failed")));
        assertEquals("no write lost", Thresholds.limit(result(Comparison.AT_MOST, 3.0, 0, "writes")));
        assertEquals("no answer may break it", Thresholds.limit(result(Comparison.AT_MOST, null, 0, "answers")),
                "a caching objective that could not judge still says its rule");
        assertEquals("none may be expired", Thresholds.limit(result(Comparison.BELOW, 1.0, 0, "expired")),
                "the findings baseline's objective");
        assertEquals("measured 2 failed, threshold none may fail, margin -1 failed",
                Thresholds.evidence(result(Comparison.BELOW, 2.0, 1, "failed")));
        assertEquals("< 1 %", Thresholds.limit(result(Comparison.BELOW, 0.0, 1, "%")), "a share below 1 % is a limit");
    }

    @Test
    void noLimitYetAndNothingMeasuredIsADash() {
        assertEquals("-", Thresholds.limit(result(Comparison.AT_MOST, null, 0, "ms")));
        assertEquals("-", Thresholds.value(null, "ms"));
        assertEquals("<= 0 %", Thresholds.limit(result(Comparison.AT_MOST, 0.0, 0, "%")));
    }

    @Test
    void theEvidenceOfACheckHasMeasuredThresholdAndMargin() {
        assertEquals("measured 10.0 ms, threshold < 150 ms, margin 140.0 ms",
                Thresholds.evidence(result(Comparison.BELOW, 10.0, 150, "ms")));
    }
}
