package dev.gauntlet.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The security probes of one gate ({@code identities:} and {@code security:} of the environment file).
 *
 * @param enabled          whether the probes run at all (they need the contracts stage)
 * @param kinds            the probe kinds that run
 * @param identities       who the API knows and how they authenticate; BOLA probes need two whose credentials differ
 * @param publicOperations operations that answer without credentials on purpose ({@code GET /products}): no
 *                         authentication probes for them
 * @param maxProbes        at most this many probes; the report says how many the bound cut
 * @param timeout          the probes stop starting new ones after this long; the report says how many were cut
 * @param baseline         the findings baseline ({@code security.baseline}): accepted findings WARN, new ones FAIL,
 *                         expired entries FAIL; null when none
 * @param duringFaults     whether the authorization probes run again while each fault of the schedule is on
 */
public record SecuritySpec(boolean enabled, Set<ProbeKind> kinds, List<Identity> identities,
                           List<String> publicOperations, int maxProbes, Duration timeout, Baseline baseline,
                           boolean duringFaults) {
    /** Default bound on the number of probes. */
    public static final int DEFAULT_MAX_PROBES = 400;
    /** Default bound on the probes' wall time. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    public SecuritySpec {
        kinds = Set.copyOf(kinds);
        identities = List.copyOf(identities);
        publicOperations = List.copyOf(publicOperations);
        Objects.requireNonNull(timeout, "timeout");
        if (maxProbes < 1) {
            throw new IllegalArgumentException("maxProbes must be at least 1, was " + maxProbes);
        }
    }

    /** Without a findings baseline, not under faults. */
    public SecuritySpec(boolean enabled, Set<ProbeKind> kinds, List<Identity> identities,
                        List<String> publicOperations, int maxProbes, Duration timeout) {
        this(enabled, kinds, identities, publicOperations, maxProbes, timeout, null, false);
    }

    /** Every kind on, no identities, default bounds: what a file without {@code security:} gets. */
    public static SecuritySpec defaults() {
        return new SecuritySpec(true, Set.of(ProbeKind.values()), List.of(), List.of(), DEFAULT_MAX_PROBES,
                DEFAULT_TIMEOUT);
    }

    /** Whether probes of {@code kind} run. */
    public boolean runs(ProbeKind kind) {
        return enabled && kinds.contains(kind);
    }
}
