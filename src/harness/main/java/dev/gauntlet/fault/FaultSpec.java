package dev.gauntlet.fault;

import java.time.Duration;
import java.util.function.Function;

/**
 * One fault of the schedule: what happens to which service, and when on the load clock. A closed choice of families,
 * each a record with its own kind enum and only its own fields: {@link ProcessFault} (the service's process or
 * container), {@link HttpFault} (WireMock stubs) and {@link NetworkFault} (the gate's TCP proxy in front of a
 * dependency). Code that depends on the family goes through
 * {@link #match(Function, Function, Function)}: a new family adds a parameter there, and the compiler then names every place
 * that has to handle it.
 */
public sealed interface FaultSpec permits ProcessFault, HttpFault, NetworkFault {

    /** Target service name. */
    String service();

    /** When the fault is on, on the load clock. */
    FaultTiming timing();

    /** The kind as written in an environment file and in report.json, e.g. {@code stop}, {@code latency}. */
    String label();

    /**
     * Whether the fault is done at once and has no off-edge (a restart): its check runs after the action returned.
     */
    boolean momentary();

    /** The one branch for this fault's family. */
    <R> R match(Function<? super ProcessFault, ? extends R> process, Function<? super HttpFault, ? extends R> http,
                Function<? super NetworkFault, ? extends R> network);

    /** Load phase the fault is aligned to, or null for the start of the load. */
    default String phase() {
        return timing().phase();
    }

    /** Offset from the start of {@link #phase()} (or of the load). */
    default Duration at() {
        return timing().at();
    }

    /** How long the fault lasts; null = until the end of {@link #phase()}. */
    default Duration duration() {
        return timing().duration();
    }
}
