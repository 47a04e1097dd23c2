package dev.gauntlet.slo;

import java.time.Duration;

/**
 * A service-level objective, written as data in the environment file and scored against the load's records.
 */
public sealed interface Objective permits Objective.Latency, Objective.ErrorRate, Objective.ErrorBudget,
        Objective.RateLimit, Objective.Throughput, Objective.Recovery,
        Objective.Resource {

    /** Display name, unique within a gate. */
    String name();

    /** Which records the objective looks at. */
    Scope scope();

    /** Report kind: {@code latency}, {@code error-rate}, {@code error-budget}, {@code rate-limit}, {@code throughput}. */
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

    /**
     * An SLO target ({@code slo} = 0.995 for 99.5 % good requests) gives an error budget. Each phase's burn rate
     * (error ratio ÷ (1 − slo)) must stay at or below {@code maxBurnRate}. Errors are 5xx and requests with no
     * answer; 429s are not errors. Without a phase it is scored for every scored phase.
     */
    record ErrorBudget(String name, Scope scope, double slo, double maxBurnRate) implements Objective {
        public ErrorBudget {
            if (slo <= 0 || slo >= 1) {
                throw new IllegalArgumentException("the SLO target must be between 0 % and 100 %, got " + slo);
            }
            if (maxBurnRate <= 0) {
                throw new IllegalArgumentException("maxBurnRate must be positive, got " + maxBurnRate);
            }
        }

        @Override
        public String kind() {
            return "error-budget";
        }
    }

    /**
     * During a phase that offers more than the provider's rate limit: the excess is answered 429 with
     * {@code Retry-After}, nothing is answered 5xx or left unanswered, and the admitted requests keep their latency
     * ({@code percentile} below {@code threshold}).
     */
    record RateLimit(String name, Scope scope, double percentile, Duration threshold) implements Objective {
        public RateLimit {
            if (scope.phase() == null) {
                throw new IllegalArgumentException("a rate-limit objective needs a phase (the spike)");
            }
        }

        @Override
        public String kind() {
            return "rate-limit";
        }
    }

    /**
     * Answered requests per second reach {@code minRatio} of the offered rate. When the load generator itself fell
     * behind the plan, the result is WARN, not FAIL: the API was not offered the load. Without a phase it is
     * scored for every scored phase.
     */
    record Throughput(String name, Scope scope, double minRatio) implements Objective {
        @Override
        public String kind() {
            return "throughput";
        }
    }

    /**
     * After each fault ends, the API is healthy again within {@code limit}: healthy means three seconds in a row
     * in which the error ratio stays at or below {@code maxErrorRatio} and the {@code percentile} latency below
     * {@code latency}. Scored once per fault.
     */
    record Recovery(String name, Scope scope, Duration limit, double percentile, Duration latency,
                    double maxErrorRatio) implements Objective {
        @Override
        public String kind() {
            return "recovery";
        }
    }

    /**
     * A service's memory or CPU, sampled during the load ({@code dev.gauntlet.resource}): its memory growth over a
     * phase after the phase's warm-up part (slope of a least-squares line through the samples), its highest memory,
     * or a percentile of its CPU use. Scored by {@code dev.gauntlet.resource.ResourceObjectives}, not by {@link Slos}.
     *
     * @param service     the service whose samples are scored
     * @param metric      what is scored
     * @param threshold   the limit: bytes per hour (growth), bytes (memory), % of one core (CPU)
     * @param percentile  for CPU: the percentile of the per-second samples; else 0
     * @param warmup      for growth: the start of the phase left out of the fit, or null to leave out a share
     * @param warmupShare for growth without {@code warmup}: the share of the phase left out of the fit (0.2)
     */
    record Resource(String name, Scope scope, String service, Metric metric, double threshold, double percentile,
                    Duration warmup, double warmupShare) implements Objective {
        public Resource {
            if (metric == Metric.MEMORY_GROWTH && scope.phase() == null) {
                throw new IllegalArgumentException("a memoryGrowth objective needs a phase (e.g. soak)");
            }
            if (warmupShare < 0 || warmupShare >= 1) {
                throw new IllegalArgumentException("the warm-up share must be at least 0 % and below 100 %, got " + warmupShare);
            }
            if (metric == Metric.CPU && (percentile <= 0 || percentile > 100)) {
                throw new IllegalArgumentException("percentile must be above 0 and at most 100, got " + percentile);
            }
        }

        /** What a resource objective scores. */
        public enum Metric {
            /** {@code memoryGrowth: < 20MB/h}. */
            MEMORY_GROWTH,
            /** {@code maxMemory: < 512MB}. */
            MAX_MEMORY,
            /** {@code cpu: p95 < 80%}. */
            CPU
        }

        @Override
        public String kind() {
            return "resource";
        }

        /** The objective as written: {@code orders-api memory growth < 20MB/h after 20 % of the phase}. */
        public String describe() {
            String mb = String.valueOf(Math.round(threshold / 1024 / 1024 * 100) / 100.0).replaceAll("\\.0$", "");
            return service + switch (metric) {
                case MEMORY_GROWTH -> " memory growth < " + mb + "MB/h after "
                        + (warmup != null ? dev.gauntlet.units.Units.format(warmup)
                        : Math.round(warmupShare * 100) + " %") + " of the phase";
                case MAX_MEMORY -> " memory < " + mb + "MB";
                case CPU -> " CPU p" + String.valueOf(percentile).replaceAll("\\.0$", "") + " < "
                        + String.valueOf(threshold).replaceAll("\\.0$", "") + "% of one core";
            };
        }
    }
}
