package dev.gauntlet.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where a run's wall time went, stage by stage: {@code config 0.4 s · environment 6.1 s · load 81.2 s · …}. */
final class StageTimes {
    private final List<String> parts = new ArrayList<>();

    /** Notes that {@code stage} ran from {@code startNanos} ({@link System#nanoTime()}) until now. */
    synchronized void add(String stage, long startNanos) {
        parts.add(String.format(Locale.ROOT, "%s %.1f s", stage, (System.nanoTime() - startNanos) / 1e9));
    }

    @Override
    public synchronized String toString() {
        return String.join(" · ", parts);
    }
}
