package dev.gauntlet.environment;

import java.util.List;

/**
 * What the gate may reach and do in an environment: the hosts besides loopback its traffic may go to, and, on a shared
 * environment (one the gate does not start, such as {@code kind: external}), which writing or disruptive steps the
 * file opts in to.
 *
 * @param targets          hosts (names or IP literals) the gate and the load may reach besides loopback
 * @param production       the environment serves real users: probes that write and faults are refused outright
 * @param allowWriteProbes opt-in: security probes that write (BOLA, mass assignment) run on a shared environment
 * @param allowFaults      opt-in: the fault schedule runs on a shared environment
 */
public record Reach(List<String> targets, boolean production, boolean allowWriteProbes, boolean allowFaults) {
    /** Loopback only, nothing opted in: what a file without these fields gets. */
    public static final Reach LOOPBACK = new Reach(List.of(), false, false, false);

    public Reach {
        targets = List.copyOf(targets);
        if (production && (allowWriteProbes || allowFaults)) {
            throw new IllegalArgumentException("a production environment cannot opt in to probes that write or faults");
        }
    }
}
