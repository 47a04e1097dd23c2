package dev.gauntlet.slo;

import static dev.gauntlet.units.Units.formatNumber;
import static dev.gauntlet.units.Units.formatPercent;

import dev.gauntlet.units.Units;
import java.time.Duration;

/**
 * A service-level objective, written as data in the environment file: one record per {@link Kind}. {@link Slos}
 * scores those measured on the load's records (and recovery after faults); the others are scored by their stages
 * against their own evidence (resource samples, security probes, read-back writes, sampled answers, the history),
 * each building its results from its record ({@link ObjectiveResult#of}), so kind and comparator come from here.
 * Adding a kind: its record (here, or in a file of its own in this package once this one is full, as {@link Caching}
 * and {@link Monitoring}) and constant here, its reading in {@code config}, its scoring; the switch in {@link Slos}
 * does not compile until the kind is handled.
 */
public sealed interface Objective permits Objective.Latency, Objective.ErrorRate, Objective.ErrorBudget,
        Objective.RateLimit, Objective.Throughput, Objective.Recovery, Objective.Resource, Objective.Security,
        Objective.Durability, Objective.Conformance, Objective.Regression, Caching, Monitoring, Failover {

    /** Display name, unique within a gate. */
    String name();

    /** Which records the objective looks at; all, for the objectives not scored against the load's records. */
    default Scope scope() {
        return Scope.all();
    }

    /**
     * Which kind it is: one constant per record, switched over without {@code default} (a kind that a switch does
     * not handle does not compile).
     */
    Kind kind();

    /** How the measured value must compare with the threshold, as the user wrote it. */
    Comparison comparison();

    /** The objective as written, for the dry run: {@code p95 < 250ms}. */
    String describe();

    /** Every kind of objective, one per record; {@link #label()} is the result's {@code kind} in report.json. */
    enum Kind {
        LATENCY("latency"), ERROR_RATE("error-rate"), ERROR_BUDGET("error-budget"), RATE_LIMIT("rate-limit"),
        THROUGHPUT("throughput"), RECOVERY("recovery"), RESOURCE("resource"), SECURITY("security"),
        DURABILITY("durability"), CONFORMANCE("conformance"), REGRESSION("regression"), CACHING("caching"),
        MONITORING("monitoring"), FAILOVER("failover");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name in report.json, the history and the views. */
        public String label() {
            return label;
        }
    }

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
        public Kind kind() {
            return Kind.LATENCY;
        }

        @Override
        public Comparison comparison() {
            return Comparison.BELOW;
        }

        @Override
        public String describe() {
            return "p" + formatNumber(percentile) + " " + comparison().symbol() + " " + Units.format(threshold);
        }
    }

    /** Requests answered 5xx or not answered at all (refused, reset, timed out) stay below {@code maxRatio}. */
    record ErrorRate(String name, Scope scope, double maxRatio) implements Objective {
        @Override
        public Kind kind() {
            return Kind.ERROR_RATE;
        }

        @Override
        public Comparison comparison() {
            return Comparison.BELOW;
        }

        @Override
        public String describe() {
            return "errors " + comparison().symbol() + " " + formatPercent(maxRatio);
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
        public Kind kind() {
            return Kind.ERROR_BUDGET;
        }

        @Override
        public Comparison comparison() {
            return Comparison.AT_MOST;
        }

        @Override
        public String describe() {
            return "SLO " + formatPercent(slo) + ", burn rate " + comparison().symbol() + " "
                    + formatNumber(maxBurnRate);
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
        public Kind kind() {
            return Kind.RATE_LIMIT;
        }

        @Override
        public Comparison comparison() {
            return Comparison.BELOW;
        }

        @Override
        public String describe() {
            return "429 + Retry-After above the limit, admitted p" + formatNumber(percentile) + " "
                    + comparison().symbol() + " " + Units.format(threshold);
        }
    }

    /**
     * Answered requests per second reach {@code minRatio} of the offered rate. When the load generator itself fell
     * behind the plan, the result is WARN, not FAIL: the API was not offered the load. Without a phase it is
     * scored for every scored phase.
     */
    record Throughput(String name, Scope scope, double minRatio, Comparison comparison) implements Objective {
        public Throughput {
            if (comparison != Comparison.AT_LEAST && comparison != Comparison.ABOVE) {
                throw new IllegalArgumentException("throughput is a floor: expected >= or >, got " + comparison);
            }
        }

        /** {@code >= minRatio}. */
        public Throughput(String name, Scope scope, double minRatio) {
            this(name, scope, minRatio, Comparison.AT_LEAST);
        }

        @Override
        public Kind kind() {
            return Kind.THROUGHPUT;
        }

        @Override
        public String describe() {
            return "throughput " + comparison.symbol() + " " + formatPercent(minRatio);
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
        public Kind kind() {
            return Kind.RECOVERY;
        }

        @Override
        public Comparison comparison() {
            return Comparison.BELOW;
        }

        @Override
        public String describe() {
            return "recovered " + comparison().symbol() + " " + Units.format(limit) + " after each fault (p"
                    + formatNumber(percentile) + " < "
                    + Units.format(latency) + ", errors < " + formatPercent(maxErrorRatio) + ")";
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
        public Kind kind() {
            return Kind.RESOURCE;
        }

        @Override
        public Comparison comparison() {
            return Comparison.BELOW;
        }

        /** The objective as written: {@code orders-api memory growth < 20MB/h after 20 % of the phase}. */
        @Override
        public String describe() {
            String mb = String.valueOf(Math.round(threshold / 1024 / 1024 * 100) / 100.0).replaceAll("\\.0$", "");
            return service + switch (metric) {
                case MEMORY_GROWTH -> " memory growth " + comparison().symbol() + " " + mb + "MB/h after "
                        + (warmup != null ? Units.format(warmup)
                        : Math.round(warmupShare * 100) + " %") + " of the phase";
                case MAX_MEMORY -> " memory " + comparison().symbol() + " " + mb + "MB";
                case CPU -> " CPU p" + String.valueOf(percentile).replaceAll("\\.0$", "") + " " + comparison().symbol() + " "
                        + String.valueOf(threshold).replaceAll("\\.0$", "") + "% of one core";
            };
        }
    }

    /** No security probe of one kind ({@code security BOLA}) fails: scored by {@code dev.gauntlet.probe}. */
    record Security(String name) implements Objective {
        @Override
        public Kind kind() {
            return Kind.SECURITY;
        }

        @Override
        public Comparison comparison() {
            return Comparison.BELOW;
        }

        @Override
        public String describe() {
            return "failed probes " + comparison().symbol() + " 1";
        }
    }

    /**
     * No acknowledged write is lost: after the load each is read back ({@code durability:}). Scored by
     * {@code dev.gauntlet.durability}.
     */
    record Durability(String name) implements Objective {
        @Override
        public Kind kind() {
            return Kind.DURABILITY;
        }

        @Override
        public Comparison comparison() {
            return Comparison.AT_MOST;
        }

        @Override
        public String describe() {
            return "lost acknowledged writes " + comparison().symbol() + " 0";
        }
    }

    /**
     * The sampled answers of the load keep the contracts: at most {@code maxBroken} (0..1) of them break one, per
     * scored phase ({@code conformance:}). Scored by {@code dev.gauntlet.conformance}.
     */
    record Conformance(String name, double maxBroken) implements Objective {
        public Conformance {
            if (maxBroken < 0 || maxBroken >= 1) {
                throw new IllegalArgumentException("maxBroken must be at least 0 % and below 100 %, got " + maxBroken);
            }
        }

        @Override
        public Kind kind() {
            return Kind.CONFORMANCE;
        }

        @Override
        public Comparison comparison() {
            return Comparison.AT_MOST;
        }

        @Override
        public String describe() {
            return "broken answers " + comparison().symbol() + " " + formatPercent(maxBroken);
        }
    }

    /**
     * Each operation's {@code percentile} latency in each scored phase stays at most {@code tolerance} above the
     * earlier runs' ({@code history:}, {@code regression:}). Scored by {@code dev.gauntlet.history}.
     *
     * @param tolerance      0.2 for +20 %
     * @param errorTolerance how much the error ratio may grow, absolute
     */
    record Regression(String name, double percentile, double tolerance, double errorTolerance) implements Objective {
        @Override
        public Kind kind() {
            return Kind.REGRESSION;
        }

        @Override
        public Comparison comparison() {
            return Comparison.AT_MOST;
        }

        @Override
        public String describe() {
            return "p" + formatNumber(percentile) + " " + comparison().symbol() + " earlier runs + "
                    + formatPercent(tolerance) + ", errors <= earlier + " + formatNumber(errorTolerance * 100) + " points";
        }
    }
}
