package dev.gauntlet.load;

import dev.gauntlet.units.Units;
import java.util.Locale;
import java.util.Objects;

/**
 * A setting a simulation reads from the environment file's {@code load.settings}: what it is called, what kind of
 * value it takes, its default and what it means. Simulations declare them by reading them
 * ({@code run.duration("warmup", ofSeconds(20), "how long the unscored warm-up lasts")}); the gate collects them in a
 * dry run before anything starts and checks {@code load.settings} against them.
 *
 * @param name         the key in {@code load.settings}
 * @param type         what kind of value it takes
 * @param defaultValue the value used when the environment file does not set it, as text
 * @param meaning      what it changes, for people ({@code gauntlet settings SIMULATION}); may be empty
 */
public record Setting(String name, Type type, String defaultValue, String meaning) {
    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        meaning = meaning == null ? "" : meaning.strip();
    }

    /** The kinds of value a setting takes, each with its one syntax. */
    public enum Type {
        /** Arrivals per second: {@code 30/s} or {@code 30}. */
        RATE(Units.RATE_EXAMPLES),
        /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
        DURATION(Units.DURATION_EXAMPLES),
        /** How long a phase lasts: {@code 30s}, {@code 10s..60s}, {@code auto} ({@link Span}). */
        LENGTH(Span.EXAMPLES),
        /** A plain number: {@code 50}, {@code 1.5}. */
        NUMBER("a number such as 50"),
        /** Any text. */
        TEXT("any text"),
        /** Comma-separated values: {@code a,b,c}. */
        LIST("comma-separated values such as a,b,c");

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        /** What a value of this type looks like, for messages. */
        public String expected() {
            return expected;
        }

        /** Lower-case name for tables. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Checks a value of this type.
         *
         * @throws IllegalArgumentException saying what was expected and what was found
         */
        public void check(String value) {
            switch (this) {
                case RATE -> Units.rate(value);
                case DURATION -> Units.duration(value);
                case LENGTH -> Span.parse(value);
                case NUMBER -> number(value);
                case TEXT, LIST -> {
                    // any text is one
                }
            }
        }

        static double number(String value) {
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number such as 50, got '" + value.trim() + "'");
            }
        }
    }
}
