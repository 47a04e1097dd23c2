package dev.gauntlet.fault;

import java.util.Objects;

/**
 * Whether a fault was seen to take effect while it was on, and the observation that shows it: a probe through the
 * faulted path (connect refused, a request left unanswered, an injected status or delay) and, for faults on a
 * WireMock service, its request journal (how many of the requests it served while the fault was on were hit).
 *
 * @param tookEffect whether the observation matches what the fault should do
 * @param expected   what the fault should do, e.g. {@code requests to payments delayed >= 2000 ms}
 * @param observed   what was seen, e.g. {@code 12 of 14 requests to payments delayed >= 2000 ms (WireMock journal)}
 */
public record FaultEvidence(boolean tookEffect, String expected, String observed) {
    public FaultEvidence {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(observed, "observed");
    }

    /** The fault was seen to take effect. */
    public static FaultEvidence shown(String expected, String observed) {
        return new FaultEvidence(true, expected, observed);
    }

    /** The fault was not seen to take effect. */
    public static FaultEvidence notShown(String expected, String observed) {
        return new FaultEvidence(false, expected, observed);
    }

    /** The verdict's reason for a fault that did not take effect. */
    public String reason(String service, String kind) {
        return "fault could not be applied: " + kind + " on " + service + ": expected " + expected + "; observed "
                + observed;
    }

    @Override
    public String toString() {
        return (tookEffect ? "took effect: " : "did not take effect: expected " + expected + "; observed ") + observed;
    }
}
