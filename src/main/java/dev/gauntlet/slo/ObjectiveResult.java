package dev.gauntlet.slo;

/**
 * An objective's verdict with its evidence.
 *
 * @param name      objective name
 * @param kind      {@code latency}, {@code error-rate}
 * @param phase     phase scored, or {@code all} for every scored phase
 * @param operation operation scored, or {@code all}
 * @param status    PASS / WARN / FAIL
 * @param measured  measured value in {@code unit}, or null when nothing could be measured
 * @param threshold the objective's limit in {@code unit}
 * @param unit      {@code ms} or {@code %}
 * @param margin    threshold − measured (positive = headroom), or null
 * @param samples   requests the measurement is based on
 * @param detail    why, in a sentence
 */
public record ObjectiveResult(String name, String kind, String phase, String operation, Status status,
                              Double measured, double threshold, String unit, Double margin, long samples,
                              String detail) {
}
