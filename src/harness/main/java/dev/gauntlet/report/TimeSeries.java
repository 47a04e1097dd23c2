package dev.gauntlet.report;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The load's records per one-second bucket from the start of the timeline: latency percentiles, outcome counts and
 * requests in flight. Only whole seconds: the recorder's last interval (written when it closes, part of a second) and
 * anything after the plan's last whole second are left out, so that no rate drops to zero in a last partial second.
 */
final class TimeSeries {
    final int seconds;
    /** Mean requests in flight per second (Little's law: the latency-seconds of the requests answered in it). */
    final double[] inFlight;
    final double[] p50;
    final double[] p95;
    final double[] p99;
    final Map<Outcome, long[]> outcomes = new EnumMap<>(Outcome.class);
    final double[] offered;

    TimeSeries(LoadResults load) {
        this(load, i -> true);
    }

    /** Of the intervals {@code which} accepts (one operation's, say); the rest as for all. */
    TimeSeries(LoadResults load, java.util.function.Predicate<LoadResults.Interval> which) {
        Timeline t = load.timeline();
        long start = t.startEpochMillis();
        seconds = wholeSeconds(load);
        Histogram[] latency = new Histogram[seconds];
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, new long[seconds]);
        }
        inFlight = new double[seconds];
        for (LoadResults.Interval i : load.intervals()) {
            int s = (int) Math.max(0, (i.startEpochMillis() - start) / 1000);
            if (s >= seconds || !which.test(i)) {
                continue;
            }
            outcomes.get(i.outcome())[s] += i.histogram().getTotalCount();
            inFlight[s] += i.histogram().getMean() * i.histogram().getTotalCount() / 1e6;
            if (!i.outcome().isRateLimited()) {
                if (latency[s] == null) {
                    latency[s] = new Histogram(1, i.histogram().getHighestTrackableValue(), 2);
                }
                latency[s].add(i.histogram());
            }
        }
        p50 = new double[seconds];
        p95 = new double[seconds];
        p99 = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            if (latency[s] != null && latency[s].getTotalCount() > 0) {
                p50[s] = latency[s].getValueAtPercentile(50) / 1000.0;
                p95[s] = latency[s].getValueAtPercentile(95) / 1000.0;
                p99[s] = latency[s].getValueAtPercentile(99) / 1000.0;
            } else {
                p50[s] = p95[s] = p99[s] = Double.NaN;
            }
        }
        offered = new double[seconds];
        for (Timeline.Window w : t.windows()) {
            double perVisit = load.requestsPerVisit(w);
            for (int s = (int) ((w.start() - start) / 1000); s < Math.min(seconds, (w.end() - start) / 1000); s++) {
                offered[s] = w.offeredRps() * perVisit;
            }
        }
    }

    /**
     * The whole seconds the charts show: those of the plan, but not the second of the recorder's last interval (its
     * closing flush covers only part of a second; a worker stopped early stops there).
     */
    static int wholeSeconds(LoadResults load) {
        Timeline t = load.timeline();
        long start = t.startEpochMillis();
        int plan = (int) ((t.endEpochMillis() - start) / 1000);
        int last = (int) ((load.intervals().stream().mapToLong(LoadResults.Interval::startEpochMillis).max()
                .orElse(t.endEpochMillis()) - start) / 1000);
        return Math.max(1, Math.min(plan, last));
    }

    /** Requests per second that got an answer other than 5xx. */
    double[] answered() {
        double[] out = new double[seconds];
        for (Outcome o : Outcome.values()) {
            if (!o.isError()) {
                long[] c = outcomes.get(o);
                for (int s = 0; s < seconds; s++) {
                    out[s] += c[s];
                }
            }
        }
        return out;
    }

    double[] count(Outcome o) {
        long[] c = outcomes.get(o);
        double[] out = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            out[s] = c[s];
        }
        return out;
    }
}
