package dev.gauntlet.slo;

import java.time.Duration;

/**
 * A service-level objective, written as data in the environment file and scored against the load's records.
 */
public sealed interface Objective permits Objective.Latency, Objective.ErrorRate {

    /** Display name, unique within a gate. */
    String name();

    /** Which records the objective looks at. */
    Scope scope();

    /** Report kind: {@code latency}, {@code error-rate}. */
    String kind();

    /**
     * @param phase     a named phase, or null for every scored phase
     * @param operation an operation ({@code GET /orders/{id}}), or null for all
     */
    record Scope(String phase, String operation) {
        public static Scope all() {
            return new Scope(null, null);
        }
    }

    /** The given percentile of answered requests' latency stays below {@code threshold}. 429s are not counted. */
    record Latency(String name, Scope scope, double percentile, Duration threshold) implements Objective {
        public Latency {
            if (percentile <= 0 || percentile >= 100) {
                throw new IllegalArgumentException("percentile must be between 0 and 100, got " + percentile);
            }
        }

        @Override
        public String kind() {
            return "latency";
        }
    }

    /** Requests answered 5xx or not answered at all (refused, reset, timed out) stay below {@code maxRatio}. */
    record ErrorRate(String name, Scope scope, double maxRatio) implements Objective {
        @Override
        public String kind() {
            return "error-rate";
        }
    }
}
