package dev.gauntlet.monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Prometheus' text exposition format (0.0.4, which OpenMetrics text also reads as): one sample a line,
 * {@code name{label="value",...} value [timestamp]}; {@code #} lines are comments. A series selector
 * ({@code name} or {@code name{label="value"}}) picks the samples of that name whose labels include the given ones;
 * their values are summed (a counter split by labels counts as one).
 */
public final class TextFormat {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\S+)?");
    private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

    private TextFormat() {
    }

    /** A series selector: a metric name and the labels a sample must have. */
    public record Selector(String name, Map<String, String> labels) {
        public Selector {
            labels = Map.copyOf(labels);
        }

        /** {@code name} or {@code name{a="b",c="d"}}. */
        public static Selector parse(String text) {
            Matcher m = SAMPLE.matcher(text.trim() + " 0");
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus series: " + text);
            }
            return new Selector(m.group(1), parseLabels(m.group(3)));
        }
    }

    /** The sum of the selected samples' values, or null when no sample matches. */
    public static Double value(String exposition, Selector selector) {
        Double sum = null;
        for (String line : exposition.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(l);
            if (!m.matches() || !m.group(1).equals(selector.name())) {
                continue;
            }
            Map<String, String> labels = parseLabels(m.group(3));
            if (!labels.entrySet().containsAll(selector.labels().entrySet())) {
                continue;
            }
            double v;
            try {
                v = parseValue(m.group(4));
            } catch (NumberFormatException e) {
                continue;
            }
            sum = (sum == null ? 0 : sum) + v;
        }
        return sum;
    }

    private static double parseValue(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }

    private static Map<String, String> parseLabels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
        }
        return out;
    }
}
