package dev.gauntlet.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Where the phases of a running plan really lie, as they end. Fixed phases last their written duration; a ranged one
 * ends once the {@link PhaseDecider} says its answer is known (no earlier than its minimum: the {@link LiveInjection}
 * places the end) or at its maximum. Each end lays the later phases out afresh from it, and the new {@link Timeline}
 * goes to whoever attributes records or schedules faults ({@code onChange}: the recorder, {@code timeline.json}).
 *
 * <p>Thread-safe: the decider flags phases from the recorder's flush thread, the injection ends them from Gatling's
 * injector, the recorder reads the timeline on every request.
 */
public final class PhaseClock {
    /** Why a ranged phase ended. */
    public static final String DECIDED = "decided";
    public static final String SETTLED = "settled";
    public static final String MAXIMUM = "maximum";

    private final LoadPlan plan;
    private final AtomicReferenceArray<String> mayEnd;
    private final long[] endOffsets;
    private final String[] endings;
    private final Consumer<Timeline> onChange;
    private long start = -1;
    private volatile Timeline timeline;

    /**
     * @param plan     the plan being run
     * @param onChange told each new timeline: once at the start, again at each ranged phase's end
     */
    public PhaseClock(LoadPlan plan, Consumer<Timeline> onChange) {
        this.plan = plan;
        int n = plan.phases().size();
        this.mayEnd = new AtomicReferenceArray<>(n);
        this.endOffsets = new long[n];
        this.endings = new String[n];
        java.util.Arrays.fill(endOffsets, -1);
        this.onChange = onChange;
    }

    public LoadPlan plan() {
        return plan;
    }

    /** Starts the clock at {@code epochMillis} (offset 0 of the injection) and announces the first timeline. */
    public synchronized Timeline start(long epochMillis) {
        if (start < 0) {
            start = epochMillis;
            publish();
        }
        return timeline;
    }

    /** The timeline as known now (null before {@link #start}). */
    public Timeline timeline() {
        return timeline;
    }

    /** Says that ranged phase {@code phase} may end now, and why ({@link #DECIDED}, {@link #SETTLED}). */
    public void allowEnd(int phase, String why) {
        mayEnd.compareAndSet(phase, null, why);
    }

    /** Why {@code phase} may end now, or null while it must go on. */
    public String mayEnd(int phase) {
        return mayEnd.get(phase);
    }

    /**
     * Records that ranged phase {@code phase} ended {@code offsetMillis} after the start (in the injection's time,
     * which may be up to a second ahead of the wall clock), for {@code why}.
     */
    public synchronized void ended(int phase, long offsetMillis, String why) {
        endOffsets[phase] = offsetMillis;
        endings[phase] = why;
        if (start >= 0) {
            publish();
        }
    }

    private void publish() {
        List<Timeline.Window> windows = new ArrayList<>();
        long t = start;
        for (int i = 0; i < plan.phases().size(); i++) {
            Phase p = plan.phases().get(i);
            long end = endOffsets[i] >= 0 ? start + endOffsets[i] : t + p.duration().toMillis();
            windows.add(new Timeline.Window(p.name(), p.scored(), t, end, p.meanRps(), p.ranged(), endings[i]));
            t = end;
        }
        timeline = new Timeline(start, windows);
        onChange.accept(timeline);
    }
}
