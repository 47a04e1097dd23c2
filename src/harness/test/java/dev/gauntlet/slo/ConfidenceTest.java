package dev.gauntlet.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sample counts a percentile claim needs, against the published binomial table (prior-art notes). */
class ConfidenceTest {
    @Test
    void p99NeedsThePublishedCounts() {
        assertEquals(299, Confidence.samplesNeeded(99, 0));
        assertEquals(473, Confidence.samplesNeeded(99, 1));
        assertEquals(628, Confidence.samplesNeeded(99, 2));
        assertEquals(1049, Confidence.samplesNeeded(99, 5), 2);
        assertEquals(1693, Confidence.samplesNeeded(99, 10), 2);
    }

    @Test
    void lowerPercentilesNeedFewerAndP999AboutTenTimesMore() {
        assertEquals(59, Confidence.samplesNeeded(95, 0));
        assertEquals(5, Confidence.samplesNeeded(50, 0));
        long p999 = Confidence.samplesNeeded(99.9, 0);
        assertTrue(p999 >= 2990 && p999 <= 3000, "p99.9: " + p999);
    }

    @Test
    void theBinomialTailIsExactForSmallCases() {
        // P(X <= 0), X ~ Bin(2, 0.5) = 0.25; P(X <= 1) = 0.75
        assertEquals(0.25, Confidence.atMost(0, 2, 0.5), 1e-12);
        assertEquals(0.75, Confidence.atMost(1, 2, 0.5), 1e-12);
    }
}
