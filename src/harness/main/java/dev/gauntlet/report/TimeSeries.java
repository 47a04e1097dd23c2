package dev.gauntlet.report;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The load's records per one-second bucket from the start of the timeline: latency percentiles and outcome counts. */
final class TimeSeries {
    final int seconds;
    final double[] p50;
    final double[] p95;
    final double[] p99;
    final Map<Outcome, long[]> outcomes = new EnumMap<>(Outcome.class);
    final double[] offered;

    TimeSeries(LoadResults load) {
        Timeline t = load.timeline();
        long start = t.startEpochMillis();
        long lastInterval = load.intervals().stream().mapToLong(LoadResults.Interval::startEpochMillis).max().orElse(start);
        seconds = (int) Math.max(1, (Math.max(t.endEpochMillis(), lastInterval) - start) / 1000 + 1);
        Histogram[] latency = new Histogram[seconds];
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, new long[seconds]);
        }
        for (LoadResults.Interval i : load.intervals()) {
            int s = (int) Math.max(0, Math.min(seconds - 1, (i.startEpochMillis() - start) / 1000));
            outcomes.get(i.outcome())[s] += i.histogram().getTotalCount();
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
