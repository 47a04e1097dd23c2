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

/** A health endpoint's answers against the faults: how soon it reported each outage, how soon it recovered. */
final class HealthTimeline {
    private HealthTimeline() {
    }

    static ObjectiveResult score(Monitoring m, List<Poll> polls, List<FaultEdge> faults) {
        long limit = m.limit().toMillis();
        long worst = 0;
        List<String> broken = new ArrayList<>();
        List<String> told = new ArrayList<>();
        Map<String, Double> figures = new LinkedHashMap<>();
        List<FaultEdge> inOrder = faults.stream().sorted(java.util.Comparator.comparingLong(FaultEdge::start)).toList();
        int i = 0;
        for (FaultEdge f : inOrder) {
            i++;
            long next = i < inOrder.size() ? inOrder.get(i).start() : Long.MAX_VALUE;
            Poll down = polls.stream().filter(p -> p.t() >= f.start() && p.t() <= f.end() && !p.up()).findFirst()
                    .orElse(null);
            long healthyDuring = polls.stream().filter(p -> p.t() >= f.start() && p.t() <= f.end() && p.up()).count();
            if (down == null) {
                worst = Math.max(worst, f.end() - f.start());
                broken.add(MonitorObjectives.describe(f) + ": reported healthy all the " + MonitorObjectives.seconds(
                        f.end() - f.start()) + " it was on (" + healthyDuring + " answers, e.g. " + shown(polls, f) + ")");
                continue;
            }
            long detected = down.t() - f.start();
            worst = Math.max(worst, detected);
            figures.put("fault" + i + "DetectedMs", (double) detected);
            Poll up = polls.stream().filter(p -> p.t() >= f.end() && p.t() < next && p.up()).findFirst().orElse(null);
            String reported = "not healthy " + MonitorObjectives.seconds(detected) + " after it began (" + answer(down) + ")";
            if (up == null && next - f.end() < limit) { // the next fault began before a recovery was due
                told.add(MonitorObjectives.describe(f) + ": " + reported + "; its recovery not judged: the next fault "
                        + "began " + MonitorObjectives.seconds(next - f.end()) + " after it ended");
                continue;
            }
            if (up == null) {
                long last = polls.get(polls.size() - 1).t();
                worst = Math.max(worst, Math.min(last, next) - f.end());
                long until = Math.min(last, next);
                broken.add(MonitorObjectives.describe(f) + ": " + reported + ", but still not healthy "
                        + MonitorObjectives.seconds(until - f.end()) + " after it ended (" + (next <= last
                        ? "when the next fault began" : "at the last poll") + ")");
                continue;
            }
            long recovered = up.t() - f.end();
            worst = Math.max(worst, recovered);
            figures.put("fault" + i + "RecoveredMs", (double) recovered);
            String line = MonitorObjectives.describe(f) + ": " + reported + ", healthy again "
                    + MonitorObjectives.seconds(recovered) + " after it ended";
            (detected >= limit || recovered >= limit ? broken : told).add(line);
        }
        figures.put("polls", (double) polls.size());
        String detail = broken.isEmpty() ? m.path() + " told every outage of a dependency within "
                + MonitorObjectives.seconds(limit) + ": " + String.join("; ", told)
                : String.join("; ", broken) + " (limit " + MonitorObjectives.seconds(limit) + ")";
        return MonitorObjectives.result(m, broken.isEmpty() ? Status.PASS : Status.FAIL, (double) worst, polls.size(),
                detail, figures);
    }

    private static String shown(List<Poll> polls, FaultEdge f) {
        return polls.stream().filter(p -> p.t() >= f.start() && p.t() <= f.end()).findFirst().map(HealthTimeline::answer)
                .orElse("no poll while it was on");
    }

    private static String answer(Poll p) {
        return (p.status() == 0 ? "" : String.valueOf(p.status())) + (p.note() == null ? "" : (p.status() == 0 ? "" : " ")
                + p.note());
    }

    /** The polls where the answer changed (healthy or not, status), for the evidence. */
    static List<Map<String, Object>> changes(List<Poll> polls) {
        List<Map<String, Object>> out = new ArrayList<>();
        Poll last = null;
        for (Poll p : polls) {
            if (last == null || last.up() != p.up() || last.status() != p.status()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("t", p.t());
                c.put("healthy", p.up());
                c.put("answer", answer(p));
                out.add(c);
            }
            last = p;
        }
        return out;
    }
}
