package dev.gauntlet.network;

import java.time.Duration;
import java.util.Objects;

/**
 * What the gate's {@link TcpProxy} does to the connections through it while a network fault is on, after Toxiproxy's
 * toxics. Data from the dependency back to its client is "downstream"; latency and bandwidth act there, as
 * Toxiproxy's do by default.
 *
 * @param kind     what happens
 * @param latency  {@link Kind#LATENCY}: delay added to every chunk sent downstream; else null
 * @param jitter   {@link Kind#LATENCY}: up to this much more or less, uniformly random; zero for none
 * @param rate     {@link Kind#BANDWIDTH}: bytes per second downstream, per connection; else 0
 * @param delay    {@link Kind#SLOW_CLOSE}: how long a close waits before it reaches the other side; else null
 * @param fraction share of connections hit (0–1]; each connection is drawn once per fault
 */
public record Toxic(Kind kind, Duration latency, Duration jitter, long rate, Duration delay, double fraction) {

    /** Network fault kinds. */
    public enum Kind {
        /** Every chunk downstream is delayed by {@code latency} ± {@code jitter}. */
        LATENCY,
        /** Downstream data flows at no more than {@code rate} bytes per second per connection. */
        BANDWIDTH,
        /** Open connections are reset (TCP RST) and new ones are reset as soon as they are accepted. */
        RESET,
        /** Connections are accepted, but nothing gets through in either direction until the fault ends. */
        BLACKHOLE,
        /** When one side closes, the other learns of it only after {@code delay}. */
        SLOW_CLOSE,
        /** The proxy stops listening: connects are refused and open connections are cut. */
        DOWN
    }

    public Toxic {
        Objects.requireNonNull(kind, "kind");
        if (fraction <= 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        if (kind == Kind.LATENCY && (latency == null || latency.isNegative())) {
            throw new IllegalArgumentException("a latency fault needs a latency >= 0");
        }
        jitter = jitter == null ? Duration.ZERO : jitter;
        if (jitter.isNegative() || (latency != null && jitter.compareTo(latency) > 0)) {
            throw new IllegalArgumentException("jitter must be between 0 and the latency, got " + jitter);
        }
        if (kind == Kind.BANDWIDTH && rate <= 0) {
            throw new IllegalArgumentException("a bandwidth fault needs a rate > 0 bytes/s");
        }
        if (kind == Kind.SLOW_CLOSE && (delay == null || delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("a slow_close fault needs a delay > 0");
        }
    }

    /** A toxic of {@code kind} with no parameters (reset, blackhole, down) on every connection. */
    public static Toxic of(Kind kind) {
        return new Toxic(kind, null, Duration.ZERO, 0, null, 1.0);
    }

    public static Toxic latency(Duration latency, Duration jitter) {
        return new Toxic(Kind.LATENCY, latency, jitter, 0, null, 1.0);
    }

    public static Toxic bandwidth(long bytesPerSecond) {
        return new Toxic(Kind.BANDWIDTH, null, Duration.ZERO, bytesPerSecond, null, 1.0);
    }

    public static Toxic slowClose(Duration delay) {
        return new Toxic(Kind.SLOW_CLOSE, null, Duration.ZERO, 0, delay, 1.0);
    }

    /** The same toxic on a share of the connections only. */
    public Toxic on(double share) {
        return new Toxic(kind, latency, jitter, rate, delay, share);
    }

    /** The shortest delay a hit chunk gets (latency faults), in millis. */
    public long minDelayMillis() {
        return kind == Kind.LATENCY ? latency.minus(jitter).toMillis() : 0;
    }
}
