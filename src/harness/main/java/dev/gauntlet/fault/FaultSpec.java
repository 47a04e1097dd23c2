package dev.gauntlet.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * One fault of the schedule: what happens to which service, and when on the load clock.
 *
 * @param service  target service name
 * @param kind     what to do to it
 * @param phase    load phase the fault is aligned to, or null for the start of the load
 * @param at       offset from the start of {@code phase} (or of the load)
 * @param duration how long the fault lasts; null = until the end of {@code phase}
 * @param latency  added delay for {@link Kind#LATENCY} (the lower bound when {@code latencyMax} is set)
 * @param latencyMax upper bound of a uniformly random delay, or null for a fixed delay
 * @param fraction share of requests hit by {@link Kind#ERRORS}, {@link Kind#RESET}, {@link Kind#MALFORMED} (0–1]
 * @param status   HTTP status answered by {@link Kind#ERRORS}
 */
public record FaultSpec(String service, Kind kind, String phase, Duration at, Duration duration, Duration latency,
                        Duration latencyMax, double fraction, int status) {

    /** Fault kinds: process or container level, and HTTP level on WireMock stubs. */
    public enum Kind {
        /** Graceful stop: connection refused until the fault ends. */
        STOP,
        /** Frozen: connections accepted, never answered. */
        PAUSE,
        /** Stop and start again at once (duration ignored). */
        RESTART,
        /** Hard kill; started again when the fault ends. */
        KILL,
        /** WireMock: every answer is delayed. */
        LATENCY,
        /** WireMock: a fraction of answers are 5xx. */
        ERRORS,
        /** WireMock: a fraction of connections are reset. */
        RESET,
        /** WireMock: a fraction of answers are garbage. */
        MALFORMED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean isProcessLevel() {
            return this == STOP || this == PAUSE || this == RESTART || this == KILL;
        }
    }

    public FaultSpec {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (at.isNegative()) {
            throw new IllegalArgumentException("a fault cannot start before its phase: at = " + at);
        }
        if (fraction <= 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        if (kind == Kind.LATENCY && latency == null) {
            throw new IllegalArgumentException("a latency fault needs a latency");
        }
    }
}
