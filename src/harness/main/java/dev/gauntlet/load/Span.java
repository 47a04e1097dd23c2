package dev.gauntlet.load;

import dev.gauntlet.units.Units;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a phase may last: a fixed duration ({@code 30s}), or a range ({@code 10s..60s}) for a phase that ends as
 * soon as its answer is known — a scored phase when every objective on it is decided, an unscored warm-up when
 * latency has settled — and at its maximum otherwise. {@code auto} is a warm-up's range, {@link #AUTO}.
 *
 * @param minimum the phase never ends before it
 * @param maximum the phase always ends by it (equal to {@code minimum} for a fixed duration)
 */
public record Span(Duration minimum, Duration maximum) {
    /** {@code auto}: a warm-up of 5 s to 30 s that ends once latency has settled. */
    public static final Span AUTO = new Span(Duration.ofSeconds(5), Duration.ofSeconds(30));
    /** What a span looks like, for messages. */
    public static final String EXAMPLES = "a duration such as 30s, a range such as 10s..60s (the phase ends when "
            + "its objectives are decided), or auto (a warm-up that ends when latency settles: 5s..30s)";

    public Span {
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(maximum, "maximum");
        if (minimum.isNegative() || minimum.isZero()) {
            throw new IllegalArgumentException("a phase must last a positive time, got " + Units.format(minimum));
        }
        if (maximum.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("a range runs from its minimum to its maximum: "
                    + Units.format(minimum) + ".." + Units.format(maximum) + " is backwards");
        }
    }

    /** A fixed duration. */
    public static Span of(Duration duration) {
        return new Span(duration, duration);
    }

    /**
     * Reads {@code 30s}, {@code 10s..60s} or {@code auto}.
     *
     * @throws IllegalArgumentException saying what was expected and what was found
     */
    public static Span parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equals("auto")) {
            return AUTO;
        }
        int dots = t.indexOf("..");
        try {
            if (dots < 0) {
                return of(Units.duration(t));
            }
            return new Span(Units.duration(t.substring(0, dots).trim()), Units.duration(t.substring(dots + 2).trim()));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("backwards")) {
                throw e;
            }
            throw new IllegalArgumentException("expected " + EXAMPLES + ", got '" + t + "'");
        }
    }

    /** Whether the phase may end before its maximum. */
    public boolean ranged() {
        return maximum.compareTo(minimum) > 0;
    }

    @Override
    public String toString() {
        return ranged() ? Units.format(minimum) + ".." + Units.format(maximum) : Units.format(maximum);
    }
}
