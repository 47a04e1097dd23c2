package dev.gauntlet.slo;

import java.time.Duration;
import dev.gauntlet.units.Units;

/**
 * The API's own monitoring tells the truth while a fault is on ({@code health:}, {@code metrics:}): scored by
 * {@code dev.gauntlet.monitor} on what it polled on the load clock.
 *
 * @param signal  which signal is checked
 * @param service the service whose endpoint is polled (the one under test unless the file names one)
 * @param path    the endpoint's path ({@code /ready}, {@code /metrics})
 * @param metric  for {@link Signal#METRICS}: the series that must move ({@code name} or
 *                {@code name{label="value"}}); else null
 * @param limit   for {@link Signal#HEALTH}: how soon the outage must show, and the recovery after it
 */
public record Monitoring(String name, Signal signal, String service, String path, String metric, Duration limit)
        implements Objective {
    public Monitoring {
        java.util.Objects.requireNonNull(signal, "signal");
        java.util.Objects.requireNonNull(path, "path");
        if (signal == Signal.METRICS && (metric == null || metric.isBlank())) {
            throw new IllegalArgumentException("a metrics objective needs the metric that must move");
        }
        if (signal == Signal.HEALTH && (limit == null || limit.isZero() || limit.isNegative())) {
            throw new IllegalArgumentException("a health objective needs a positive limit");
        }
    }

    /** What a monitoring objective checks. */
    public enum Signal {
        /** A health or readiness endpoint reports each dependency fault within the limit and recovers after. */
        HEALTH,
        /** A Prometheus series grows while each fault is on. */
        METRICS
    }

    @Override
    public Kind kind() {
        return Objective.Kind.MONITORING;
    }

    @Override
    public Comparison comparison() {
        return signal == Signal.HEALTH ? Comparison.BELOW : Comparison.ABOVE;
    }

    @Override
    public String describe() {
        return signal == Signal.HEALTH
                ? path + " reports each fault and its end " + comparison().symbol() + " " + Units.format(limit)
                : metric + " at " + path + " grows during each fault: increase " + comparison().symbol() + " 0";
    }
}
