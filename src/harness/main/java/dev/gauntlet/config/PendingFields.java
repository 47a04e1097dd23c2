package dev.gauntlet.config;

import java.util.Map;

/** Reads an objective's {@code pending: N} (passing runs before its FAIL counts), kept by objective name. */
final class PendingFields {
    private PendingFields() {
    }

    /** Puts the objective's pending count, if it has one, into {@code pending} under {@code name}. */
    static void read(Node objective, String name, Map<String, Integer> pending) {
        if (!objective.has("pending")) {
            return;
        }
        Node field = objective.field("pending");
        if (!field.isNumber()) {
            String got;
            try {
                got = "'" + objective.text("pending") + "'";
            } catch (ConfigException notAScalar) {
                got = "a list or mapping";
            }
            throw field.error("expected a whole number of passing runs (at least 1), such as pending: 5, got " + got);
        }
        double v = objective.number("pending");
        if (v != Math.rint(v) || v < 1 || v > 10_000) {
            throw field.error("expected a whole number of passing runs between 1 and 10000, such as pending: 5, got " + v);
        }
        pending.put(name, (int) v);
    }
}
