package dev.gauntlet.slo;

/**
 * An objective's verdict with its evidence.
 *
 * @param name       objective name
 * @param kind       the objective's {@link Objective.Kind#label() kind}: {@code latency}, {@code error-rate} …
 * @param phase      phase scored, or {@code all} for every scored phase
 * @param operation  operation scored, or {@code all}
 * @param status     PASS / INCONCLUSIVE / WARN / FAIL
 * @param measured   measured value in {@code unit}, or null when nothing could be measured
 * @param comparator how {@code measured} must compare with {@code threshold}, as the objective was written
 *                   ({@code "<"} in report.json)
 * @param threshold  the objective's limit in {@code unit}
 * @param unit       {@code ms} or {@code %}
 * @param margin     threshold − measured (positive = headroom), or null
 * @param samples    requests the measurement is based on
 * @param detail     why, in a sentence
 * @param figures    further measured values by name (burn rate, budget consumed, 429 counts …), may be empty
 */
public record ObjectiveResult(String name, String kind, String phase, String operation, Status status,
                              Double measured, Comparison comparator, double threshold, String unit, Double margin,
                              long samples, String detail, java.util.Map<String, Double> figures) {
    public ObjectiveResult {
        java.util.Objects.requireNonNull(comparator, "comparator");
        figures = figures == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
    }

    /** A result of {@code objective}: its kind and comparator come from it. */
    public static ObjectiveResult of(Objective objective, String name, String phase, String operation, Status status,
                                     Double measured, double threshold, String unit, Double margin, long samples,
                                     String detail, java.util.Map<String, Double> figures) {
        return new ObjectiveResult(name, objective.kind().label(), phase, operation, status, measured,
                objective.comparison(), threshold, unit, margin, samples, detail, figures);
    }

    /** The same result with another status and detail (a pending objective's FAIL turned WARN). */
    public ObjectiveResult with(Status status, String detail, java.util.Map<String, Double> figures) {
        return new ObjectiveResult(name, kind, phase, operation, status, measured, comparator, threshold, unit, margin,
                samples, detail, figures);
    }
}
