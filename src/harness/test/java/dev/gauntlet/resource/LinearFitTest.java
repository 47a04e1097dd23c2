package dev.gauntlet.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearFitTest {

    @Test
    void findsTheLineThroughExactPoints() {
        LinearFit fit = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {5, 7, 9, 11});
        assertEquals(2, fit.slope(), 1e-12);
        assertEquals(5, fit.intercept(), 1e-12);
        assertEquals(1, fit.r2(), 1e-12);
        assertEquals(4, fit.n());
        assertEquals(15, fit.at(5), 1e-12);
    }

    @Test
    void recoversASlopeThroughNoiseWithALowerR2() {
        Random random = new Random(7);
        int n = 600;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 100 + 0.05 * i + random.nextGaussian() * 5;
        }
        LinearFit fit = LinearFit.of(x, y);
        assertEquals(0.05, fit.slope(), 0.01);
        assertTrue(fit.r2() > 0.5 && fit.r2() < 0.95, "noise lowers r²: " + fit.r2());
    }

    @Test
    void flatNoiseHasNoSlopeAndAnR2NearZero() {
        Random random = new Random(11);
        double[] x = new double[500];
        double[] y = new double[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = 200 + random.nextGaussian();
        }
        LinearFit fit = LinearFit.of(x, y);
        assertEquals(0, fit.slope(), 0.003);
        assertTrue(fit.r2() < 0.05, "r² " + fit.r2());
    }

    @Test
    void aFlatLineExplainsConstantValuesFully() {
        LinearFit fit = LinearFit.of(new double[] {0, 1, 2}, new double[] {3, 3, 3});
        assertEquals(0, fit.slope(), 0);
        assertEquals(1, fit.r2(), 0);
    }

    @Test
    void refusesTooFewOrDegeneratePoints() {
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[] {1, 1}, new double[] {1, 2}));
    }
}
