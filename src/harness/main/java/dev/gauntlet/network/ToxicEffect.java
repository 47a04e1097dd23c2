package dev.gauntlet.network;

import java.util.Locale;

/**
 * What one toxic did to the connections through a {@link TcpProxy} while it was on, counted by the proxy as it acted:
 * the evidence that a network fault took effect.
 *
 * @param toxic       the toxic
 * @param connections connections it hit (delayed, throttled, reset, held, closed slowly, cut)
 * @param chunks      chunks of data it delayed ({@link Toxic.Kind#LATENCY}) or held ({@link Toxic.Kind#BLACKHOLE})
 * @param bytes       bytes it delayed, throttled or held
 * @param minDelay    shortest delay it added to a chunk, in millis (latency); -1 when none
 * @param maxDelay    longest delay it added to a chunk, in millis (latency); -1 when none
 * @param busyMillis  {@link Toxic.Kind#BANDWIDTH}: time spent sending the throttled bytes, summed over connections
 * @param accepted    connections the proxy accepted while it was on (hit or not)
 */
public record ToxicEffect(Toxic toxic, long connections, long chunks, long bytes, long minDelay, long maxDelay,
                          long busyMillis, long accepted) {

    /** Whether it hit at least one connection. */
    public boolean hitAny() {
        return connections > 0;
    }

    /** What it did, e.g. {@code 412 chunks on 8 connections delayed 180-260 ms}. */
    public String describe() {
        return switch (toxic.kind()) {
            case LATENCY -> chunks + " chunk(s) on " + connections + " connection(s) delayed"
                    + (chunks == 0 ? "" : " " + minDelay + "-" + maxDelay + " ms");
            case BANDWIDTH -> bytes + " bytes on " + connections + " connection(s) throttled"
                    + (busyMillis == 0 ? "" : String.format(Locale.ROOT, " (%.1f KB/s per connection, limit %.1f KB/s)",
                    bytes / 1024.0 / (busyMillis / 1000.0), toxic.rate() / 1024.0));
            case RESET -> connections + " connection(s) reset";
            case BLACKHOLE -> connections + " connection(s) held, " + bytes + " bytes in " + chunks
                    + " chunk(s) not let through while it was on";
            case SLOW_CLOSE -> connections + " close(s) delayed " + toxic.delay().toMillis() + " ms";
            case DOWN -> "listening stopped, " + connections + " open connection(s) cut";
        } + " (gauntlet proxy; " + accepted + " connection(s) accepted while on)";
    }
}
