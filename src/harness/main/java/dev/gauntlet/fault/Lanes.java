package dev.gauntlet.fault;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One lane per service: the edges of one service's faults run one after another, in the order given, and different
 * services' side by side. So a slow edge (a process restarted until healthy) makes later edges of its own service
 * late, which they must be — a pause cannot start on a process still starting — and no other service's.
 */
final class Lanes {
    private final Map<String, ExecutorService> lanes = new LinkedHashMap<>();
    private boolean finished;

    /** Runs {@code edge} in {@code service}'s lane, after the edges given to that lane before (none once finished). */
    synchronized void run(String service, Runnable edge) {
        if (finished) {
            return;
        }
        lanes.computeIfAbsent(service, s -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gauntlet-faults-" + s);
            t.setDaemon(true);
            return t;
        })).execute(edge);
    }

    /** Takes no more edges; waits until those given have run, or until {@code deadline} (epoch millis). */
    void finish(long deadline) throws InterruptedException {
        Map<String, ExecutorService> all;
        synchronized (this) {
            finished = true;
            all = Map.copyOf(lanes);
        }
        all.values().forEach(ExecutorService::shutdown);
        for (ExecutorService lane : all.values()) {
            lane.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }
    }
}
