package dev.gauntlet.slo;

import dev.gauntlet.units.Units;
import java.time.Duration;
import java.util.Objects;

/**
 * Losing one replica of the service under test is seamless ({@code failover:}): scored by {@link Failovers} on the
 * load's own answers, on the clock of each fault that takes a replica away ({@code service: NAME#N}).
 *
 * @param name            display name
 * @param scope           the operation whose answers are judged (all when null); the phase is the fault's
 * @param maxFailed       the most requests that may fail (5xx or no answer) while the replica is lost, as a ratio
 * @param comparison      how the failed ratio must compare with {@code maxFailed} ({@code <} or {@code <=})
 * @param rerouteWithin   how soon after the replica is lost traffic must flow around it: from then on, every second
 *                        until the fault ends fails no more than {@code maxFailed}
 */
public record Failover(String name, Scope scope, double maxFailed, Comparison comparison, Duration rerouteWithin)
        implements Objective {
    public Failover {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(rerouteWithin, "rerouteWithin");
        if (maxFailed < 0 || maxFailed >= 1) {
            throw new IllegalArgumentException("maxFailed is a ratio from 0 to under 1, got " + maxFailed);
        }
        if (comparison != Comparison.BELOW && comparison != Comparison.AT_MOST) {
            throw new IllegalArgumentException("failed requests compare with < or <=, got " + comparison.symbol());
        }
        if (rerouteWithin.isNegative() || rerouteWithin.isZero()) {
            throw new IllegalArgumentException("rerouteWithin must be positive");
        }
    }

    @Override
    public Kind kind() {
        return Objective.Kind.FAILOVER;
    }

    @Override
    public String describe() {
        return "failedDuringLoss " + comparison.symbol() + " " + Units.formatPercent(maxFailed) + ", rerouteWithin "
                + Units.format(rerouteWithin);
    }
}
