package dev.gauntlet.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * When a fault is on, on the load clock: the part every fault family shares.
 *
 * @param phase    load phase the fault is aligned to, or null for the start of the load
 * @param at       offset from the start of {@code phase} (or of the load)
 * @param duration how long the fault lasts; null = until the end of {@code phase}
 */
public record FaultTiming(String phase, Duration at, Duration duration) {
    public FaultTiming {
        Objects.requireNonNull(at, "at");
        if (at.isNegative()) {
            throw new IllegalArgumentException("a fault cannot start before its phase: at = " + at);
        }
    }

    /** From the start of the load until its end. */
    public static FaultTiming wholeLoad() {
        return new FaultTiming(null, Duration.ZERO, null);
    }
}
