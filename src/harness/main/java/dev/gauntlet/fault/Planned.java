package dev.gauntlet.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One planned fault with its absolute instants once the timeline is known, and how the {@link FaultSchedule} plans
 * them on the load's timeline ({@code timeline.json}), re-planned each time a ranged phase ends and moves the rest.
 */
record Planned(FaultSpec spec, long start, long end) {
    static Planned place(FaultSpec f, JsonNode timeline) {
        long start = timeline.get("startEpochMillis").asLong();
        long phaseEnd = 0;
        if (f.phase() != null) {
            JsonNode window = null;
            for (JsonNode w : timeline.get("windows")) {
                if (w.get("name").asText().equals(f.phase())) {
                    window = w;
                }
            }
            if (window == null) {
                throw new IllegalArgumentException("fault on " + f.service() + ": the load has no phase '" + f.phase() + "'");
            }
            start = window.get("start").asLong();
            phaseEnd = window.get("end").asLong();
        }
        long on = start + f.at().toMillis();
        long off = f.duration() != null ? on + f.duration().toMillis()
                : phaseEnd > 0 ? phaseEnd : timeline.get("windows").get(timeline.get("windows").size() - 1).get("end").asLong();
        return new Planned(f, on, off);
    }

    /** The earliest edge not yet switched, as {instant, fault index, 1 = on / 0 = off}; offs after ons at a tie. */
    static long[] nextEdge(List<Planned> plan, Set<String> done) {
        List<long[]> events = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            if (p == null) {
                continue;
            }
            if (!done.contains(i + "/1")) {
                events.add(new long[] {p.start(), i, 1});
            } else if (!p.spec().momentary() && !done.contains(i + "/0")) {
                events.add(new long[] {p.end(), i, 0});
            }
        }
        return events.stream().min(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[2]))
                .orElse(null);
    }

    /** Whether the timeline may still move: a ranged phase has not ended yet. */
    static boolean live(JsonNode timeline) {
        for (JsonNode w : timeline.get("windows")) {
            if (w.path("ranged").asBoolean(false) && w.path("ended").isNull()) {
                return true;
            }
        }
        return false;
    }
}
