package dev.gauntlet.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one field of an environment file holds, as data: {@link FileModel} describes every field with these, and
 * {@link EnvironmentSchema} turns them into the JSON Schema editors read. Each reader ({@code *Fields}) still says
 * what it accepts with {@link Node#only}; {@code EnvironmentSchemaTest} drives the readers to prove both agree.
 */
sealed interface Shape {
    String description();

    /** Text, optionally matching {@code pattern} (a whole-value regular expression). */
    record Text(String description, String pattern) implements Shape {
    }

    /** A number; {@code whole} for counts; bounds when not null. */
    record Number(String description, boolean whole, Double minimum, Double maximum) implements Shape {
    }

    /** {@code true} or {@code false}. */
    record Flag(String description) implements Shape {
    }

    /** One of a closed set of words. */
    record Choice(String description, List<String> values) implements Shape {
    }

    /** A scalar written as text or as a number ({@code 10%} or {@code 0.1}, {@code 30/s} or {@code 30}). */
    record Scalar(String description) implements Shape {
    }

    /**
     * A mapping with these fields and no others; {@code required} must be present, and when {@code exactlyOne} is not
     * empty exactly one of those fields must be (an objective's kind).
     */
    record Fields(String description, Map<String, Shape> fields, List<String> required, List<String> exactlyOne)
            implements Shape {
        public Fields {
            fields = new LinkedHashMap<>(fields);
        }
    }

    /** A mapping whose names are free (service names, environment variables, headers), each holding {@code value}. */
    record MapOf(String description, Shape value) implements Shape {
    }

    /** A list of {@code item}. */
    record ListOf(String description, Shape item) implements Shape {
    }

    /** Any one of {@code options} (a service's health: a path, or {@code {command: [...]}}). */
    record Either(String description, List<Shape> options) implements Shape {
    }
}
