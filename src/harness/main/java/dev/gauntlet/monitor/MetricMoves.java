package dev.gauntlet.monitor;

import dev.gauntlet.slo.Monitoring;
import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A metric's values before, during and after each fault: it must grow while the fault is on. */
final class MetricMoves {
    private MetricMoves() {
    }

    static ObjectiveResult score(Monitoring m, List<Poll> polls, List<FaultEdge> faults,
                                 List<Map<String, Object>> evidence) {
        Double smallest = null;
        List<String> broken = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        for (FaultEdge f : faults) {
            Poll before = last(polls, Long.MIN_VALUE, f.start());
            Poll during = last(polls, f.start(), f.end());
            Poll after = polls.stream().filter(p -> p.t() >= f.end() && p.value() != null).findFirst().orElse(null);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("fault", MonitorObjectives.describe(f));
            e.put("before", before == null ? null : before.value());
            e.put("during", during == null ? null : during.value());
            e.put("after", after == null ? null : after.value());
            evidence.add(e);
            if (before == null) {
                Poll tried = polls.stream().filter(p -> p.t() <= f.start()).reduce((a, b) -> b).orElse(null);
                broken.add(MonitorObjectives.describe(f) + ": " + m.metric() + " could not be read before it ("
                        + (tried == null ? "no scrape before the fault" : tried.note()) + ")");
                smallest = smallest == null ? 0 : Math.min(smallest, 0);
                continue;
            }
            double end = Math.max(during == null ? before.value() : during.value(),
                    after == null ? before.value() : after.value());
            double growth = end - before.value();
            smallest = smallest == null ? growth : Math.min(smallest, growth);
            String line = MonitorObjectives.describe(f) + ": " + m.metric() + " " + fmt(before.value()) + " before, "
                    + (during == null ? "-" : fmt(during.value())) + " during, " + (after == null ? "-" : fmt(after.value()))
                    + " after";
            (growth > 0 ? moved : broken).add(line);
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("faults", (double) faults.size());
        figures.put("scrapes", (double) polls.size());
        String detail = broken.isEmpty() ? "moved during every fault: " + String.join("; ", moved)
                : "did not move during a fault that took a dependency down: " + String.join("; ", broken);
        return MonitorObjectives.result(m, broken.isEmpty() ? Status.PASS : Status.FAIL, smallest, polls.size(),
                detail, figures);
    }

    /** The last poll with a value in [from, to]. */
    private static Poll last(List<Poll> polls, long from, long to) {
        Poll out = null;
        for (Poll p : polls) {
            if (p.t() >= from && p.t() <= to && p.value() != null) {
                out = p;
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
