package dev.gauntlet.fault;

/**
 * A fault as it really happened: when it was scheduled and when it took effect (on and off), epoch millis.
 * {@code end} is 0 while the fault is on; {@code error} says why an action failed, or is null.
 *
 * @param service        target service
 * @param kind           fault kind label ({@code stop}, {@code latency} …)
 * @param phase          phase it was aligned to, or null
 * @param scheduledStart planned on-edge
 * @param start          recorded on-edge (after the action returned)
 * @param scheduledEnd   planned off-edge
 * @param end            recorded off-edge
 * @param error          what went wrong applying or reverting it, or null
 * @param evidence       whether it was seen to take effect while on, and how; null when it was never switched on
 */
public record FaultEdge(String service, String kind, String phase, long scheduledStart, long start, long scheduledEnd,
                        long end, String error, FaultEvidence evidence) {

    /** A fault without evidence (never switched on, or not checked). */
    public FaultEdge(String service, String kind, String phase, long scheduledStart, long start, long scheduledEnd,
                     long end, String error) {
        this(service, kind, phase, scheduledStart, start, scheduledEnd, end, error, null);
    }
}
