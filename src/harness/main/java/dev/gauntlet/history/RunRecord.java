package dev.gauntlet.history;

import dev.gauntlet.slo.Status;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One finished gate run as the history keeps it: compact enough to keep hundreds (per-operation, per-phase latency
 * histograms and counts, the objectives' results and how fast the machine was). Runs are compared only with runs of
 * the same {@link #environment} and {@link #plan}.
 *
 * @param id          the run folder's name
 * @param started     when the run started
 * @param environment the environment's name
 * @param plan        fingerprint of the load plan (simulation, phases with rates and durations, settings)
 * @param calibration how fast the machine was, or null when it was not measured
 * @param verdict     the run's verdict
 * @param cells       one per (operation, phase) the load recorded
 * @param objectives  every objective's result, in the report's order
 */
public record RunRecord(String id, Instant started, String environment, String plan, Calibration calibration,
                        Status verdict, List<Cell> cells, List<Result> objectives) {
    public RunRecord {
        cells = List.copyOf(cells);
        objectives = List.copyOf(objectives);
    }

    /**
     * What the load recorded for one operation in one phase.
     *
     * @param latency     answered requests' latency in microseconds (429s and errors left out); do not change it
     * @param requests    every request, whatever its outcome
     * @param errors      5xx answers and requests with no answer
     * @param rateLimited 429 answers
     */
    public record Cell(String operation, String phase, Histogram latency, long requests, long errors, long rateLimited) {
    }

    /**
     * One objective's result, as the history needs it to draw series and to count passes (pending objectives).
     *
     * @param name     the objective's name, as in the report
     * @param kind     latency, error-budget, regression, resource …
     * @param phase    the phase scored, or {@code all}
     * @param operation the operation scored, or {@code all}
     * @param status   its status
     * @param measured measured value in {@code unit}, or null
     * @param unit     ms, %, x …
     */
    public record Result(String name, String kind, String phase, String operation, Status status, Double measured,
                         String unit) {
    }
}
