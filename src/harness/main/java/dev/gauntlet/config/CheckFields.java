package dev.gauntlet.config;

import dev.gauntlet.conformance.ConformanceSpec;
import dev.gauntlet.durability.DurabilitySpec;
import java.util.Set;

/**
 * Reads {@code durability:} and {@code conformance:}, the checks that run on every load with contracts unless the
 * environment file switches them off or tunes them.
 */
final class CheckFields {
    private CheckFields() {
    }

    static DurabilitySpec durability(Node root) {
        if (!root.has("durability")) {
            return DurabilitySpec.DEFAULT;
        }
        Node d = root.object("durability").only(Set.of("enabled", "maxReads", "timeout"));
        DurabilitySpec def = DurabilitySpec.DEFAULT;
        int maxReads = d.has("maxReads") ? whole(d, "maxReads", 1) : def.maxReads();
        var timeout = d.duration("timeout", def.timeout());
        if (timeout.isZero()) {
            throw d.error("timeout: expected a positive duration such as 60s");
        }
        return new DurabilitySpec(d.bool("enabled", true), maxReads, timeout);
    }

    static ConformanceSpec conformance(Node root) {
        if (!root.has("conformance")) {
            return ConformanceSpec.DEFAULT;
        }
        Node c = root.object("conformance").only(Set.of("enabled", "everyAnswerUpTo", "share", "maxSamples",
                "maxBroken"));
        ConformanceSpec def = ConformanceSpec.DEFAULT;
        int perSecond = def.perSecond();
        if (c.has("everyAnswerUpTo")) {
            String raw = c.text("everyAnswerUpTo").trim();
            if (!raw.matches("\\d+\\s*/s")) {
                throw c.error("everyAnswerUpTo: expected answers per second and operation such as 50/s, got '" + raw + "'");
            }
            perSecond = Integer.parseInt(raw.replace("/s", "").trim());
        }
        double share = c.has("share") ? percent(c, "share") : def.share();
        long maxSamples = c.has("maxSamples") ? whole(c, "maxSamples", 1) : def.maxSamples();
        double maxBroken = c.has("maxBroken") ? percent(c, "maxBroken") : def.maxBroken();
        if (maxBroken >= 1) {
            throw c.error("maxBroken: expected a share below 100 %, got " + c.text("maxBroken"));
        }
        return new ConformanceSpec(c.bool("enabled", true), perSecond, share, maxSamples, maxBroken);
    }

    private static int whole(Node at, String field, int min) {
        double v = at.number(field);
        if (v != Math.rint(v) || v < min || v > Integer.MAX_VALUE) {
            throw at.error(field + ": expected a whole number of at least " + min + ", got " + v);
        }
        return (int) v;
    }

    private static double percent(Node at, String field) {
        String raw = at.text(field).trim();
        if (!raw.matches("\\d+(\\.\\d+)?\\s*%")) {
            throw at.error(field + ": expected a percentage such as 10%, got '" + raw + "'");
        }
        double v = Double.parseDouble(raw.substring(0, raw.length() - 1).trim()) / 100;
        if (v > 1) {
            throw at.error(field + ": expected at most 100%, got '" + raw + "'");
        }
        return v;
    }
}
