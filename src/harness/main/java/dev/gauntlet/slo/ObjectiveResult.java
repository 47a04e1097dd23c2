package dev.gauntlet.slo;

/**
 * An objective's verdict with its evidence.
 *
 * @param name      objective name
 * @param kind      {@code latency}, {@code error-rate}
 * @param phase     phase scored, or {@code all} for every scored phase
 * @param operation operation scored, or {@code all}
 * @param status    PASS / INCONCLUSIVE / WARN / FAIL
 * @param measured  measured value in {@code unit}, or null when nothing could be measured
 * @param threshold the objective's limit in {@code unit}
 * @param unit      {@code ms} or {@code %}
 * @param margin    threshold − measured (positive = headroom), or null
 * @param samples   requests the measurement is based on
 * @param detail    why, in a sentence
 * @param figures   further measured values by name (burn rate, budget consumed, 429 counts …), may be empty
 */
public record ObjectiveResult(String name, String kind, String phase, String operation, Status status,
                              Double measured, double threshold, String unit, Double margin, long samples,
                              String detail, java.util.Map<String, Double> figures) {
    public ObjectiveResult {
        figures = figures == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
    }
}
