package dev.gauntlet.durability;

import dev.gauntlet.slo.Objective;
import java.time.Duration;

/**
 * The environment file's {@code durability:}: after the load, every acknowledged write is read back.
 *
 * @param enabled  whether the check runs (default: whenever the load runs and contracts are available)
 * @param maxReads most resources read back (spread evenly over the run when there are more; the result says so)
 * @param timeout  most time spent reading back (the result says when it was cut)
 */
public record DurabilitySpec(boolean enabled, int maxReads, Duration timeout) {
    /** On, at most 2,000 reads in 60 s. */
    public static final DurabilitySpec DEFAULT = new DurabilitySpec(true, 2000, Duration.ofSeconds(60));

    /** The objective it scores: no acknowledged write lost. */
    public Objective.Durability objective() {
        return new Objective.Durability(Durability.NAME);
    }

    public DurabilitySpec {
        if (maxReads < 1) {
            throw new IllegalArgumentException("maxReads must be at least 1, got " + maxReads);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }
}
