package dev.gauntlet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gauntlet.slo.Status;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistorySeriesTest {

    private static RunRecord.Cell cell(String phase, long micros) {
        Histogram h = new Histogram(1, 120_000_000L, 2);
        h.recordValueWithCount(micros, 100);
        return new RunRecord.Cell("GET /orders", phase, h, 100, 0, 0);
    }

    private static RunRecord run(int i, List<RunRecord.Cell> cells, List<RunRecord.Result> objectives) {
        return new RunRecord("run-" + i, Instant.ofEpochSecond(i), "local", "plan", null, Status.PASS, cells, objectives);
    }

    private static RunRecord.Result p99(double ms, Status status) {
        return new RunRecord.Result("baseline p99 latency", "latency", "baseline", "all", status, ms, "ms");
    }

    @Test
    void objectivesAndScoredCellsBecomeSeriesOldestFirstSkippingRunsWithoutAValue() {
        RunRecord first = run(1, List.of(cell("baseline", 10_000), cell("warmup", 90_000)), List.of(p99(20, Status.PASS)));
        RunRecord second = run(2, List.of(cell("warmup", 90_000)), List.of()); // no baseline, no objective
        RunRecord current = run(3, List.of(cell("baseline", 30_000), cell("baseline", 30_000), cell("warmup", 90_000)),
                List.of(p99(45, Status.FAIL), new RunRecord.Result("error budget", "error-budget", "baseline", "all",
                        Status.PASS, null, "x")));
        List<HistorySeries> series = HistorySeries.of(List.of(first, second), current, "baseline"::equals);
        assertEquals(List.of("baseline p99 latency", "GET /orders · baseline · p95", "GET /orders · baseline · p99"),
                series.stream().map(HistorySeries::name).toList(), "no value, no series; warmup left out");
        HistorySeries objective = series.get(0);
        assertEquals(List.of("run-1", "run-3"), objective.points().stream().map(HistorySeries.Point::runId).toList());
        assertEquals(Status.FAIL, objective.points().get(1).status());
        HistorySeries p95 = series.get(1);
        assertEquals("GET /orders · baseline", p95.group());
        assertEquals(10.0, p95.values()[0], 0.1);
        assertEquals(30.0, p95.values()[1], 0.3);
        assertEquals(100, current.cells().get(0).latency().getTotalCount(), "the run's own histograms are not changed");
    }
}
