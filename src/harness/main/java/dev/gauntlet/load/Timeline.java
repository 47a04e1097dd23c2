package dev.gauntlet.load;

import java.util.List;

/**
 * Where each phase of a run lies on the wall clock. The recorder, the fault schedule and the report share it.
 *
 * @param startEpochMillis when injection started
 * @param windows          phases in order, back to back
 */
public record Timeline(long startEpochMillis, List<Window> windows) {
    public Timeline {
        windows = List.copyOf(windows);
    }

    /**
     * @param name       phase name
     * @param scored     whether objectives look at it
     * @param start      epoch millis, inclusive
     * @param end        epoch millis, exclusive
     * @param offeredRps mean arrival rate the plan offers
     * @param ranged     whether the phase could end before its maximum ({@code duration: 10s..60s}): its objectives
     *                   are judged at the last look's confidence ({@code dev.gauntlet.stats.SequentialLooks})
     * @param ended      why a ranged phase ended ({@link PhaseClock#DECIDED}, {@link PhaseClock#SETTLED},
     *                   {@link PhaseClock#MAXIMUM}); null for a fixed phase or one still running
     */
    public record Window(String name, boolean scored, long start, long end, double offeredRps, boolean ranged,
                         String ended) {
        /** A fixed phase's window. */
        public Window(String name, boolean scored, long start, long end, double offeredRps) {
            this(name, scored, start, end, offeredRps, false, null);
        }
    }

    /** Lays {@code plan}'s phases out from {@code startEpochMillis}. */
    public static Timeline of(LoadPlan plan, long startEpochMillis) {
        long t = startEpochMillis;
        java.util.ArrayList<Window> out = new java.util.ArrayList<>();
        for (Phase p : plan.phases()) {
            long end = t + p.duration().toMillis();
            out.add(new Window(p.name(), p.scored(), t, end, p.meanRps(), p.ranged(), null));
            t = end;
        }
        return new Timeline(startEpochMillis, out);
    }

    /** Index of the window holding {@code epochMillis}; times before the first or after the last go to those. */
    public int indexAt(long epochMillis) {
        int last = windows.size() - 1;
        for (int i = 0; i < last; i++) {
            if (epochMillis < windows.get(i).end) {
                return i;
            }
        }
        return last;
    }

    public long endEpochMillis() {
        return windows.isEmpty() ? startEpochMillis : windows.get(windows.size() - 1).end;
    }
}
