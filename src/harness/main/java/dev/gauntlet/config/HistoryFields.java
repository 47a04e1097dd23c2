package dev.gauntlet.config;

import dev.gauntlet.history.HistorySpec;
import dev.gauntlet.history.RegressionSpec;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads {@code history: PATH} and {@code regression: off | {percentile, tolerance, runs, minRuns, errors,
 * maxSlowdown}}. Without {@code history} there is no history and a {@code regression} field is a mistake.
 */
final class HistoryFields {
    private HistoryFields() {
    }

    /** The history settings, or null when the file keeps no history. */
    static HistorySpec history(Node root, Path base) {
        if (!root.has("history")) {
            if (root.has("regression")) {
                throw root.field("regression").error("regression objectives compare with earlier runs: set 'history' "
                        + "to a folder too (e.g. history: target/gauntlet-history)");
            }
            return null;
        }
        String folder = root.text("history").trim();
        if (folder.isEmpty()) {
            throw root.field("history").error("expected a folder path such as target/gauntlet-history");
        }
        return new HistorySpec(base.resolve(folder).normalize(), regression(root));
    }

    private static RegressionSpec regression(Node root) {
        if (!root.has("regression")) {
            return RegressionSpec.DEFAULT;
        }
        Node r = root.field("regression");
        if (!isMapping(root)) {
            String t = r.text().trim();
            if (t.equals("off") || t.equals("false")) {
                return RegressionSpec.OFF;
            }
            if (t.equals("on") || t.equals("true")) {
                return RegressionSpec.DEFAULT;
            }
            throw r.error("expected off, on, or a mapping such as {tolerance: 20%, runs: 7}, got '" + t + "'");
        }
        r = root.object("regression").only(Set.of("enabled", "percentile", "tolerance", "runs", "minRuns", "errors",
                "maxSlowdown"));
        RegressionSpec d = RegressionSpec.DEFAULT;
        boolean enabled = r.bool("enabled", true);
        double percentile = r.has("percentile") ? percentile(r.field("percentile")) : d.percentile();
        double tolerance = r.has("tolerance") ? share(r.field("tolerance"), "a share such as 20%") : d.tolerance();
        int runs = r.has("runs") ? count(r.field("runs")) : d.runs();
        int minRuns = r.has("minRuns") ? count(r.field("minRuns")) : Math.min(d.minRuns(), runs);
        double errors = r.has("errors") ? share(r.field("errors"), "an absolute share such as 1%") : d.errorTolerance();
        double slowdown = r.has("maxSlowdown") ? factor(r.field("maxSlowdown")) : d.maxSlowdown();
        try {
            return new RegressionSpec(enabled, percentile, tolerance, runs, minRuns, errors, slowdown);
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage());
        }
    }

    private static boolean isMapping(Node root) {
        try {
            root.object("regression");
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    /** {@code p95}, {@code 95} or {@code 99.9}. */
    private static double percentile(Node n) {
        String t = n.text().trim();
        String digits = t.startsWith("p") ? t.substring(1) : t;
        try {
            double p = Double.parseDouble(digits);
            if (p > 0 && p < 100) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw n.error("expected a percentile such as p95 or p99, got '" + t + "'");
    }

    private static double share(Node n, String expected) {
        String t = n.text().trim();
        if (!t.endsWith("%")) {
            throw n.error("expected " + expected + " (with %), got '" + t + "'");
        }
        try {
            double v = Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100;
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw n.error("expected " + expected + ", got '" + t + "'");
    }

    private static int count(Node n) {
        String t = n.text().trim();
        try {
            int v = Integer.parseInt(t);
            if (v >= 2 && v <= 1000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw n.error("expected a whole number of runs from 2 to 1000, got '" + t + "'");
    }

    /** {@code 1.5} or {@code 1.5x}. */
    private static double factor(Node n) {
        String t = n.text().trim();
        String digits = t.endsWith("x") ? t.substring(0, t.length() - 1) : t;
        try {
            double v = Double.parseDouble(digits);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw n.error("expected a factor of 1 or more such as 1.5x, got '" + t + "'");
    }
}
