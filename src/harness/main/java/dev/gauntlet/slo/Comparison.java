package dev.gauntlet.slo;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a measured value must compare with its threshold, as the environment file writes it ({@code p95 < 250ms},
 * {@code throughput: >= 95%}). report.json carries its {@link #symbol()} as the result's {@code comparator}.
 */
public enum Comparison {
    /** {@code <}: the value must stay below the threshold. */
    BELOW("<"),
    /** {@code <=}: the value may reach the threshold, not pass it. */
    AT_MOST("<="),
    /** {@code >=}: the value must reach the threshold. */
    AT_LEAST(">="),
    /** {@code >}: the value must pass the threshold. */
    ABOVE(">");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** The comparator as written: {@code <}, {@code <=}, {@code >=}, {@code >}. */
    @JsonValue
    public String symbol() {
        return symbol;
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
