package dev.gauntlet.fault;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fault at the HTTP level on a WireMock service, injected through stubs above its own. What a kind answers is in
 * {@link WireMockFaults}, how it is shown to take effect in {@link HttpChecks}.
 *
 * @param service    target service name (a WireMock server)
 * @param kind       what its answers suffer
 * @param timing     when, on the load clock
 * @param latency    added delay for {@link Kind#LATENCY} (the lower bound when {@code latencyMax} is set), else null
 * @param latencyMax upper bound of a uniformly random delay, or null for a fixed delay
 * @param fraction   share of requests hit (0–1]
 * @param status     HTTP status answered by {@link Kind#ERRORS}
 */
public record HttpFault(String service, Kind kind, FaultTiming timing, Duration latency, Duration latencyMax,
                        double fraction, int status) implements FaultSpec {

    /** HTTP-level fault kinds. */
    public enum Kind {
        /** Every answer is delayed. */
        LATENCY,
        /** A fraction of answers are 5xx. */
        ERRORS,
        /** A fraction of connections are reset. */
        RESET,
        /** A fraction of answers are garbage. */
        MALFORMED;

        /** The name in environment files and reports: {@code latency}. */
        public String label() {
            return Labels.of(this);
        }

        /** The kind whose {@link #label()} is {@code label}, if any. */
        public static Optional<Kind> byLabel(String label) {
            return Labels.find(values(), label);
        }

        /** Whether it delays answers (and so needs a {@code latency}). */
        public boolean delays() {
            return switch (this) {
                case LATENCY -> true;
                case ERRORS, RESET, MALFORMED -> false;
            };
        }
    }

    public HttpFault {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timing, "timing");
        if (fraction <= 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        if (kind.delays() && latency == null) {
            throw new IllegalArgumentException("a " + kind.label() + " fault needs a latency");
        }
    }

    /** The delay every hit answer gets at least; zero for a kind that does not delay. */
    Duration minDelay() {
        return kind.delays() ? latency : Duration.ZERO;
    }

    /** The longest delay an answer can get; zero for a kind that does not delay. */
    Duration maxDelay() {
        return !kind.delays() ? Duration.ZERO : latencyMax == null ? latency : latencyMax;
    }

    @Override
    public String label() {
        return kind.label();
    }

    @Override
    public boolean momentary() {
        return false;
    }

    @Override
    public <R> R match(Function<? super ProcessFault, ? extends R> process, Function<? super HttpFault, ? extends R> http,
                       Function<? super NetworkFault, ? extends R> network) {
        return http.apply(this);
    }
}
