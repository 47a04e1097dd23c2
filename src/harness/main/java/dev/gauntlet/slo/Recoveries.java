package dev.gauntlet.slo;

import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.load.LoadRecorder;
import dev.gauntlet.load.LoadResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Recovery time after each fault, from the per-second records. */
final class Recoveries {
    /** Seconds in a row that must be healthy before the API counts as recovered. */
    static final int STABLE_SECONDS = 3;

    private Recoveries() {
    }

    static List<ObjectiveResult> evaluate(Objective.Recovery r, LoadResults load, List<FaultEdge> faults) {
        String operation = r.scope().operation() == null ? "all" : r.scope().operation();
        double limit = r.limit().toMillis() / 1000.0;
        List<FaultEdge> ended = faults.stream().filter(f -> f.end() > 0 && f.error() == null).toList();
        if (ended.isEmpty()) {
            return List.of(ObjectiveResult.of(r, r.name(), "all", operation, Status.WARN, null, limit, "s", null,
                    0, "no fault was switched off during the load, so there was nothing to recover from", Map.of()));
        }
        long start = load.timeline().startEpochMillis();
        int seconds = (int) ((Math.max(load.timeline().endEpochMillis(),
                load.intervals().stream().mapToLong(LoadResults.Interval::startEpochMillis).max().orElse(start)) - start) / 1000 + 2);
        long[] total = new long[seconds];
        long[] errors = new long[seconds];
        Histogram[] latency = new Histogram[seconds];
        for (LoadResults.Interval i : load.intervals()) {
            if (r.scope().operation() != null && !i.operation().equals(r.scope().operation())) {
                continue;
            }
            int s = (int) Math.max(0, Math.min(seconds - 1, (i.startEpochMillis() - start) / 1000));
            total[s] += i.histogram().getTotalCount();
            if (i.outcome().isError()) {
                errors[s] += i.histogram().getTotalCount();
            }
            if (!i.outcome().isRateLimited()) {
                if (latency[s] == null) {
                    latency[s] = new Histogram(1, LoadRecorder.MAX_MICROS, 2);
                }
                latency[s].add(i.histogram());
            }
        }
        List<ObjectiveResult> out = new ArrayList<>();
        double threshold = r.latency().toMillis();
        for (FaultEdge ownFault : ended) {
            String name = r.name() + " after " + ownFault.service() + " " + ownFault.kind();
            // a fault that ended while another was still on: recovered from together, from the later off-edge
            FaultEdge f = RecoveryWindow.judgedFrom(ownFault, faults);
            String phase = ownFault.phase() == null ? "all" : ownFault.phase();
            String together = f == ownFault ? "" : f.service() + " " + f.kind() + " ended (it was still on when this "
                    + "fault ended: the two are recovered from together)";
            int from = (int) Math.max(0, (f.end() - start) / 1000);
            // judged only until the next fault begins: the seconds wholly before it
            RecoveryWindow.Next next = RecoveryWindow.next(f, faults);
            int until = next == null ? seconds : (int) Math.max(from, Math.min(seconds, (next.at() - start) / 1000));
            int recovered = -1;
            for (int s = from; s < until && recovered < 0; s++) {
                int healthyRun = 0;
                int t = s;
                while (t < until && total[t] > 0 && healthy(total[t], errors[t], latency[t], r, threshold) && healthyRun < STABLE_SECONDS) {
                    healthyRun++;
                    t++;
                }
                boolean endOfData = t >= seconds || total[t] == 0;
                if (healthyRun == STABLE_SECONDS || (healthyRun > 0 && endOfData)) {
                    recovered = s;
                }
            }
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("faultEndedAtSecond", (ownFault.end() - start) / 1000.0);
            if (f != ownFault) {
                figures.put("judgedFromSecond", (f.end() - start) / 1000.0);
            }
            if (next != null) {
                figures.put("nextFaultAtSecond", (next.at() - start) / 1000.0);
            }
            if (recovered < 0 && next != null && !RecoveryWindow.longEnough(f, next, r.limit(), STABLE_SECONDS)) {
                out.add(ObjectiveResult.of(r, name, phase, operation, Status.WARN, null, limit, "s", null, 0,
                        (together.isEmpty() ? "" : "after " + together + ": ")
                        + RecoveryWindow.cutShort(f, next, r.limit(), STABLE_SECONDS), figures));
                continue;
            }
            if (recovered < 0) {
                out.add(ObjectiveResult.of(r, name, phase, operation, Status.FAIL,
                        null, limit, "s", null, 0, "never healthy again "
                        + (together.isEmpty() ? "" : "after " + together + " ") + "before "
                        + (next == null ? "the load ended" : next.what() + " began") + " (healthy = "
                        + STABLE_SECONDS + " s in a row with errors <= " + pct(r.maxErrorRatio()) + " and p"
                        + fmt(r.percentile()) + " < " + (long) threshold + " ms)", figures));
                continue;
            }
            double took = Math.max(0, (start + recovered * 1000L - f.end()) / 1000.0);
            figures.put("recoveredAtSecond", (double) recovered);
            out.add(ObjectiveResult.of(r, name, phase, operation, took <= limit ? Status.PASS : Status.FAIL, took, limit,
                    "s", Math.round((limit - took) * 10) / 10.0, total[Math.min(recovered, seconds - 1)],
                    String.format(java.util.Locale.ROOT,
                    "healthy again %.0f s after %s (limit %.0f s; healthy = %d s in a row with errors <= %s and p%s < %d ms)",
                    took, together.isEmpty() ? "the fault ended" : together, limit, STABLE_SECONDS,
                    pct(r.maxErrorRatio()), fmt(r.percentile()), (long) threshold), figures));
        }
        return out;
    }

    private static boolean healthy(long total, long errors, Histogram latency, Objective.Recovery r, double thresholdMillis) {
        if (errors > r.maxErrorRatio() * total) {
            return false;
        }
        return latency == null || latency.getTotalCount() == 0
                || latency.getValueAtPercentile(r.percentile()) / 1000.0 < thresholdMillis;
    }

    private static String pct(double ratio) {
        return fmt(ratio * 100) + " %";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
