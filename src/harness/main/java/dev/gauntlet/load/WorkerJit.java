package dev.gauntlet.load;

import java.util.List;

/**
 * How a local load worker compiles its code. HotSpot's C2 compiler spends about 10 s of CPU in a worker's first minute
 * and repays it at some 56 µs per request (measured on this project's 2-core machines, TapOverheadBenchmark for 60 s:
 * 109 µs of worker CPU per request with C2, 165 µs with C1 only): it pays off only beyond some 180,000 requests. A
 * plan that offers at most {@value #MAX_ARRIVALS} arrivals, never more than {@value #MAX_RATE} per second (well within
 * a C1 worker's ~9,000 requests/s here), runs with C1 only ({@code -XX:TieredStopAtLevel=1}): the reference gate's
 * worker then uses 12.7 s of CPU instead of 22.6 s, which its services and the gate get instead. A bigger plan, or a
 * simulation whose plan is not known ahead (its own injection, not a {@link LoadPlan}), keeps both compilers.
 */
final class WorkerJit {
    static final long MAX_ARRIVALS = 100_000;
    static final long MAX_RATE = 1_000;
    /** HotSpot's option for C1 only (also the dry run's: a short JVM). */
    static final String C1 = "-XX:TieredStopAtLevel=1";
    private static final List<String> C1_ONLY = List.of(C1);

    private WorkerJit() {
    }

    /** The worker's compiler options for {@code plan} (null: not known ahead). */
    static List<String> options(LoadPlan plan) {
        if (plan == null || plan.phases().isEmpty()) {
            return List.of();
        }
        double arrivals = 0;
        double peak = 0;
        for (Phase p : plan.phases()) {
            arrivals += p.meanRps() * p.duration().toMillis() / 1000.0; // a ranged phase at its maximum
            peak = Math.max(peak, Math.max(p.fromRps(), p.toRps()));
        }
        return arrivals <= MAX_ARRIVALS && peak <= MAX_RATE ? C1_ONLY : List.of();
    }
}
