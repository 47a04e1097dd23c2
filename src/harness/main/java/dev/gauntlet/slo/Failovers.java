package dev.gauntlet.slo;

import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.units.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a {@link Failover} objective on the load's own answers, per fault that takes a replica away (a fault on a
 * service named {@code NAME#N}), on that fault's clock: the requests failed (5xx or no answer) while the replica was
 * lost, and the second from which traffic flowed around it (every second after, until the fault ended, within the
 * budget). Too few requests, or a loss too short to see a reroute, is INCONCLUSIVE, never a PASS.
 */
final class Failovers {
    /** Seconds in a row within the budget that show traffic flowing around the lost replica. */
    static final int ROUTED_SECONDS = 2;
    /** Fewest requests during a loss that can judge a budget: at least this many, and at least 1 / budget. */
    static final int MIN_REQUESTS = 20;

    private Failovers() {
    }

    /** Whether {@code fault} takes one replica of a service away: it names a replica ({@code orders-api#2}). */
    static boolean losesReplica(FaultEdge fault) {
        return fault.service().contains("#");
    }

    static List<ObjectiveResult> evaluate(Failover o, LoadResults load, List<FaultEdge> faults) {
        String operation = o.scope().operation() == null ? "all" : o.scope().operation();
        List<FaultEdge> losses = faults.stream().filter(f -> losesReplica(f) && f.start() > 0 && f.error() == null).toList();
        if (losses.isEmpty()) {
            return List.of(result(o, o.name(), "all", operation, Status.INCONCLUSIVE, null, o.comparison(),
                    o.maxFailed() * 100, "%", 0, "no fault took a replica away during the load (write a fault on "
                            + "service: NAME#N of a service with replicas)", Map.of()));
        }
        List<ObjectiveResult> out = new ArrayList<>();
        long loadEnd = load.timeline().endEpochMillis();
        for (FaultEdge f : losses) {
            // from when the fault began to act (a graceful stop returns only once the process has exited)
            long from = f.scheduledStart() > 0 ? Math.min(f.scheduledStart(), f.start()) : f.start();
            long until = f.end() > 0 ? f.end() : loadEnd;
            int seconds = (int) Math.max(1, (until - from + 999) / 1000);
            long[] total = new long[seconds];
            long[] failed = new long[seconds];
            for (LoadResults.Interval i : load.intervals()) {
                long middle = i.startEpochMillis() + 500;
                if (middle < from || middle >= until || i.outcome().isRateLimited()
                        || (o.scope().operation() != null && !i.operation().equals(o.scope().operation()))) {
                    continue;
                }
                int s = (int) Math.min(seconds - 1, (middle - from) / 1000);
                total[s] += i.histogram().getTotalCount();
                if (i.outcome().isError()) {
                    failed[s] += i.histogram().getTotalCount();
                }
            }
            String lost = f.service() + " " + f.kind();
            String phase = f.phase() == null ? "all" : f.phase();
            out.add(failed(o, o.name() + ": failed while " + lost, phase, operation, total, failed));
            out.add(rerouted(o, o.name() + ": reroute after " + lost, phase, operation, total, failed));
        }
        return out;
    }

    private static ObjectiveResult failed(Failover o, String name, String phase, String operation, long[] total,
                                          long[] failed) {
        long requests = sum(total);
        long errors = sum(failed);
        double threshold = o.maxFailed() * 100;
        long needed = Math.max(MIN_REQUESTS, (long) Math.ceil(1 / Math.max(o.maxFailed(), 1e-9)));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("requests", (double) requests);
        figures.put("failed", (double) errors);
        figures.put("lossSeconds", (double) total.length);
        if (requests < needed) {
            return result(o, name, phase, operation, Status.INCONCLUSIVE, requests == 0 ? null : 100.0 * errors / requests,
                    o.comparison(), threshold, "%", requests, requests + " requests while the replica was lost: too few "
                            + "to judge a budget of " + Units.formatPercent(o.maxFailed()) + " (it takes " + needed
                            + "; a longer loss or more traffic)", figures);
        }
        double measured = 100.0 * errors / requests;
        boolean pass = o.comparison().holds(measured, threshold);
        return result(o, name, phase, operation, pass ? Status.PASS : Status.FAIL, measured, o.comparison(), threshold,
                "%", requests, String.format(Locale.ROOT, "%d of %d requests failed (5xx or no answer) in the %d s the "
                        + "replica was lost: %.2f %% (budget %s %s)", errors, requests, total.length, measured,
                        o.comparison().symbol(), Units.formatPercent(o.maxFailed())), figures);
    }

    private static ObjectiveResult rerouted(Failover o, String name, String phase, String operation, long[] total,
                                            long[] failed) {
        double limit = o.rerouteWithin().toMillis() / 1000.0;
        int routedFrom = -1;
        int within = 0;
        for (int s = total.length - 1; s >= 0; s--) {
            if (total[s] == 0) {
                continue;
            }
            if (!o.comparison().holds((double) failed[s] / total[s], o.maxFailed()) && failed[s] > 0) {
                break;
            }
            routedFrom = s;
            within++;
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("lossSeconds", (double) total.length);
        long requests = sum(total);
        if (routedFrom >= 0 && within >= Math.min(ROUTED_SECONDS, total.length)) {
            figures.put("routedFromSecond", (double) routedFrom);
            boolean pass = routedFrom <= limit;
            return result(o, name, phase, operation, pass ? Status.PASS : Status.FAIL, (double) routedFrom,
                    Comparison.AT_MOST, limit, "s", requests, String.format(Locale.ROOT, "traffic flowed around the "
                            + "lost replica %d s after it was lost (limit %s): every second after failed at most %s",
                            routedFrom, Units.format(o.rerouteWithin()), Units.formatPercent(o.maxFailed())), figures);
        }
        if (total.length < limit + ROUTED_SECONDS || requests == 0) {
            return result(o, name, phase, operation, Status.INCONCLUSIVE, null, Comparison.AT_MOST, limit, "s", requests,
                    "the replica was lost for " + total.length + " s with " + requests + " requests: too little to see "
                            + "traffic flow around it within " + Units.format(o.rerouteWithin()) + " (a loss of at "
                            + "least " + (long) Math.ceil(limit + ROUTED_SECONDS) + " s under load)", figures);
        }
        return result(o, name, phase, operation, Status.FAIL, null, Comparison.AT_MOST, limit, "s", requests,
                "traffic never flowed around the lost replica: requests still failed over "
                        + Units.formatPercent(o.maxFailed()) + " in the last " + ROUTED_SECONDS + " s of its "
                        + total.length + " s loss (is its health check answering while it cannot serve?)", figures);
    }

    private static ObjectiveResult result(Failover o, String name, String phase, String operation, Status status,
                                          Double measured, Comparison comparison, double threshold, String unit,
                                          long samples, String detail, Map<String, Double> figures) {
        Double margin = measured == null ? null : Math.round((threshold - measured) * 100) / 100.0;
        return new ObjectiveResult(name, o.kind().label(), phase, operation, status, measured, comparison, threshold,
                unit, margin, samples, detail, figures);
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
