package dev.gauntlet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangePointsTest {

    private static HistorySeries series(double[] values) {
        List<HistorySeries.Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new HistorySeries.Point("run-" + i, Instant.ofEpochSecond(86_400L * i), values[i]));
        }
        return new HistorySeries("GET /orders · baseline · p95", "GET /orders · baseline", "ms", points);
    }

    private static double[] noise(Random random, int n, double level, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = level + sd * random.nextGaussian();
        }
        return v;
    }

    @Test
    void aStepIsFoundWhereItHappensWithItsLevels() {
        int found = 0;
        for (int seed = 0; seed < 20; seed++) {
            double[] v = noise(new Random(seed), 30, 20, 1.5);
            for (int i = 18; i < v.length; i++) {
                v[i] += 6; // +30 % from run 18 on
            }
            List<ChangePoint> points = ChangePoints.find(series(v));
            assertTrue(points.size() <= 2, "seed " + seed + ": " + points);
            for (ChangePoint p : points) {
                if (p.index() >= 16 && p.index() <= 20) {
                    found++;
                    assertEquals("run-" + p.index(), p.runId());
                    assertTrue(p.after() > p.before() + 4 && p.pValue() <= ChangePoints.ALPHA, p.toString());
                }
            }
        }
        assertTrue(found >= 18, "the step at run 18 was found in " + found + " of 20 series");
    }

    @Test
    void noiseHasNoChangePointsOverManySeeds() {
        int falseAlarms = 0;
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(1000 + seed);
            double[] v = noise(random, 30, 20, 3);
            if (seed % 2 == 0) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 20 * Math.exp(0.3 * random.nextGaussian()); // skewed, like latency
                }
            }
            falseAlarms += ChangePoints.find(series(v)).size();
        }
        assertTrue(falseAlarms <= 2, falseAlarms + " change points in 200 series of noise");
    }

    @Test
    void singleSpikesAndAShortBlipAtTheEndAreNotChangePoints() {
        double[] v = noise(new Random(3), 30, 20, 1);
        v[10] = 400;
        v[22] = 300;
        v[28] = 90;
        v[29] = 95; // the last two runs slow: too short to be a level that stays
        assertEquals(List.of(), ChangePoints.find(series(v)));
    }

    @Test
    void aSlowDriftOverWeeksIsFoundAsOneOrMoreShiftsUpwards() {
        for (int seed = 0; seed < 10; seed++) {
            Random random = new Random(seed);
            double[] v = new double[42]; // six weeks of nightly runs, 1 % slower each night: +50 % in all
            for (int i = 0; i < v.length; i++) {
                v[i] = 20 * (1 + 0.012 * i) + random.nextGaussian();
            }
            List<ChangePoint> points = ChangePoints.find(series(v));
            assertTrue(!points.isEmpty(), "seed " + seed + ": the drift was not found");
            for (ChangePoint p : points) {
                assertTrue(p.after() > p.before(), p.toString());
            }
            // no night-to-night step is large: each is about 0.24 ms in noise of 1 ms
        }
    }

    @Test
    void tooShortASeriesHasNoChangePoints() {
        assertEquals(List.of(), ChangePoints.find(series(new double[] {1, 1, 1, 9, 9})));
        assertEquals(List.of(), ChangePoints.find(series(new double[0])));
        assertEquals(List.of(), ChangePoints.find(series(new double[] {5, 5, 5, 5, 5, 5, 5, 5})));
    }

    @Test
    void ranksShareTies() {
        assertEquals(List.of(1.0, 2.5, 2.5, 4.0), java.util.Arrays.stream(ChangePoints.ranks(new double[] {1, 3, 3, 7}))
                .boxed().toList());
    }

    @Test
    void aChangePointReadsWellInReportJson() throws Exception {
        ChangePoint c = new ChangePoint("GET /orders · baseline · p95", "ms", 16, "run-16", 17.8, 24.9, 0.0002);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(c);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("series", "unit", "index", "runId", "before", "after", "pValue"), fields);
    }
}
