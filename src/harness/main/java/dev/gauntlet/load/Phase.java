package dev.gauntlet.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One named stretch of an open-model load plan: arrivals per second move linearly from {@code fromRps} to
 * {@code toRps} over {@code duration} (equal rates hold a constant rate).
 *
 * <p>A phase with a {@code minimum} under its {@code duration} is <em>ranged</em> ({@code duration: 10s..60s}): it
 * ends as soon as its answer is known, and at {@code duration} otherwise. A scored one ends when every objective on it
 * is decided ({@code dev.gauntlet.slo.SequentialLooks}), an unscored warm-up when latency has settled
 * ({@link SteadyState}).
 *
 * @param name     phase name used in records, objectives and reports ({@code baseline}, {@code spike} …)
 * @param scored   whether objectives look at it (warm-up is not)
 * @param fromRps  arrival rate at the start, users (= requests) per second
 * @param toRps    arrival rate at the end
 * @param duration how long the phase lasts: its maximum when it is ranged
 * @param minimum  the least it lasts (equal to {@code duration} for a fixed phase)
 */
public record Phase(String name, boolean scored, double fromRps, double toRps, Duration duration, Duration minimum) {
    public Phase {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("phase name must be lower-case letters, digits and '-', got '" + name + "'");
        }
        if (fromRps < 0 || toRps < 0) {
            throw new IllegalArgumentException("phase " + name + ": rates cannot be negative");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("phase " + name + ": duration must be positive, got " + duration);
        }
        minimum = minimum == null ? duration : minimum;
        if (minimum.isNegative() || minimum.isZero() || minimum.compareTo(duration) > 0) {
            throw new IllegalArgumentException("phase " + name + ": its minimum must be positive and at most its "
                    + "maximum, got " + dev.gauntlet.units.Units.format(minimum) + ".."
                    + dev.gauntlet.units.Units.format(duration));
        }
        if (minimum.compareTo(duration) < 0 && (fromRps != toRps || toRps == 0)) {
            throw new IllegalArgumentException("phase " + name + ": only a phase at a constant rate above 0 can end "
                    + "when decided (a ramp's rates depend on its length): give it a fixed duration");
        }
    }

    /** A phase of fixed {@code duration}. */
    public Phase(String name, boolean scored, double fromRps, double toRps, Duration duration) {
        this(name, scored, fromRps, toRps, duration, duration);
    }

    /** A phase lasting {@code span}. */
    public Phase(String name, boolean scored, double fromRps, double toRps, Span span) {
        this(name, scored, fromRps, toRps, span.maximum(), span.minimum());
    }

    /** Mean arrival rate over the phase. */
    public double meanRps() {
        return (fromRps + toRps) / 2;
    }

    /** Whether the phase may end before its maximum {@link #duration}. */
    public boolean ranged() {
        return minimum.compareTo(duration) < 0;
    }

    /** How long it may last. */
    public Span span() {
        return new Span(minimum, duration);
    }
}
