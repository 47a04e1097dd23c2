package dev.gauntlet.slo;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a measured value must compare with its threshold, as the environment file writes it ({@code p95 < 250ms},
 * {@code throughput: >= 95%}). report.json carries its {@link #symbol()} as the result's {@code comparator}.
 */
public enum Comparison {
    /** {@code <}: the value must stay below the threshold. */
    BELOW("<", "below"),
    /** {@code <=}: the value may reach the threshold, not pass it. */
    AT_MOST("<=", "at most"),
    /** {@code >=}: the value must reach the threshold. */
    AT_LEAST(">=", "at least"),
    /** {@code >}: the value must pass the threshold. */
    ABOVE(">", "above");

    private final String symbol;
    private final String words;

    Comparison(String symbol, String words) {
        this.symbol = symbol;
        this.words = words;
    }

    /** The comparator in words, for sentences: {@code below}, {@code at most}, {@code at least}, {@code above}. */
    public String words() {
        return words;
    }

    /** The comparator as written: {@code <}, {@code <=}, {@code >=}, {@code >}. */
    @JsonValue
    public String symbol() {
        return symbol;
    }

    /** Whether {@code measured} compares with {@code threshold} this way. */
    public boolean holds(double measured, double threshold) {
        return switch (this) {
            case BELOW -> measured < threshold;
            case AT_MOST -> measured <= threshold;
            case AT_LEAST -> measured >= threshold;
            case ABOVE -> measured > threshold;
        };
    }

    /**
     * The comparison a user wrote.
     *
     * @throws IllegalArgumentException naming the comparators there are and the one found
     */
    public static Comparison of(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("expected a comparator <, <=, >= or >, got '" + symbol + "'");
    }

    @Override
    public String toString() {
        return symbol;
    }
}
