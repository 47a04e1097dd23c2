package dev.gauntlet.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One named stretch of an open-model load plan: arrivals per second move linearly from {@code fromRps} to
 * {@code toRps} over {@code duration} (equal rates hold a constant rate).
 *
 * @param name     phase name used in records, objectives and reports ({@code baseline}, {@code spike} …)
 * @param scored   whether objectives look at it (warm-up is not)
 * @param fromRps  arrival rate at the start, users (= requests) per second
 * @param toRps    arrival rate at the end
 * @param duration how long the phase lasts
 */
public record Phase(String name, boolean scored, double fromRps, double toRps, Duration duration) {
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
    }

    /** Mean arrival rate over the phase. */
    public double meanRps() {
        return (fromRps + toRps) / 2;
    }
}
