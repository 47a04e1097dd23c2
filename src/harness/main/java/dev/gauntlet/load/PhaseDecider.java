package dev.gauntlet.load;

import dev.gauntlet.stats.SequentialLooks;
import dev.gauntlet.units.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Tells the {@link PhaseClock} when a ranged phase may end, looking at the answers as the recorder flushes them
 * (once a second):
 * <ul>
 * <li>a scored phase once every latency claim on it is decided, PASS or FAIL, by {@link SequentialLooks}: looks every
 * {@link #LOOK} from its minimum, the last planned one at its maximum (that one is the gate's final score, at the
 * last look's level); a phase {@link PhaseRules#held held} by another objective runs to its maximum;</li>
 * <li>an unscored warm-up once its latency has settled ({@link SteadyState}, MSER-5 on fifths of a second).</li>
 * </ul>
 */
final class PhaseDecider implements LoadRecorder.Watch {
    /** How often a ranged scored phase is looked at. */
    static final Duration LOOK = Duration.ofSeconds(2);

    private final PhaseClock clock;
    private final PhaseRules rules;
    private final Supplier<List<String>> operations;
    private final Histogram[][] answered; // [phase][operation], 429s aside; only for ranged scored phases
    private final int[] looks;
    private final Warmup[] warmups;

    PhaseDecider(PhaseClock clock, PhaseRules rules, Supplier<List<String>> operations) {
        this.clock = clock;
        this.rules = rules;
        this.operations = operations;
        List<Phase> phases = clock.plan().phases();
        this.answered = new Histogram[phases.size()][];
        this.looks = new int[phases.size()];
        this.warmups = new Warmup[phases.size()];
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            if (p.ranged() && p.scored()) {
                answered[i] = new Histogram[64];
            } else if (p.ranged()) {
                warmups[i] = new Warmup(p);
            }
        }
    }

    @Override
    public void answer(int phase, long startEpochMillis, long micros) {
        Warmup w = warmups[phase];
        if (w != null) {
            Timeline t = clock.timeline();
            w.add(startEpochMillis - t.windows().get(phase).start(), micros);
        }
    }

    @Override
    public void interval(int operation, int phase, Outcome outcome, Histogram h) {
        Histogram[] byOperation = answered[phase];
        if (byOperation == null || outcome.isRateLimited()) {
            return;
        }
        if (byOperation[operation] == null) {
            byOperation[operation] = new Histogram(1, LoadRecorder.MAX_MICROS, LoadRecorder.SIGNIFICANT_DIGITS);
        }
        byOperation[operation].add(h);
    }

    @Override
    public void flushed(long now) {
        Timeline t = clock.timeline();
        if (t == null) {
            return;
        }
        int i = t.indexAt(now);
        for (int j = 0; j < t.windows().size(); j++) {
            reportMaximum(j, t.windows().get(j)); // once its last arrival is out: the last phase's too
        }
        Phase p = clock.plan().phases().get(i);
        if (!p.ranged() || clock.mayEnd(i) != null || now >= t.windows().get(i).end()) {
            return;
        }
        long elapsed = now - t.windows().get(i).start();
        if (!p.scored()) {
            double[] means = warmups[i].means(elapsed);
            if (SteadyState.settled(means, slices(p.minimum()), slices(p.duration()))) {
                clock.allowEnd(i, PhaseClock.SETTLED);
                say(String.format(Locale.ROOT, "%s: latency settled after %.1f s (MSER-5)", p.name(), elapsed / 1000.0));
            }
            return;
        }
        if (elapsed < p.minimum().toMillis() || rules.held().contains(p.name())) {
            return;
        }
        SequentialLooks planned = planned(p);
        int look = 1 + (int) ((elapsed - p.minimum().toMillis()) / LOOK.toMillis());
        if (look <= looks[i]) {
            return;
        }
        if (look >= planned.looks()) {
            return; // the last look is the gate's own score, at the phase's maximum
        }
        looks[i] = look;
        List<String> open = undecided(i, p, planned, look);
        if (open.isEmpty()) {
            clock.allowEnd(i, PhaseClock.DECIDED);
            say(String.format(Locale.ROOT, "%s: every latency objective decided after %.1f s (look %d of %d)",
                    p.name(), elapsed / 1000.0, look, planned.looks()));
        }
    }

    /**
     * Once, for a ranged scored phase that runs to its maximum (the injection marks it so when its last arrival is
     * out): what was still undecided at its last early look.
     */
    private void reportMaximum(int j, Timeline.Window w) {
        Phase p = clock.plan().phases().get(j);
        if (!p.scored() || !PhaseClock.MAXIMUM.equals(w.ended()) || looks[j] == Integer.MAX_VALUE) {
            return;
        }
        SequentialLooks planned = planned(p);
        List<String> open = rules.held().contains(p.name()) ? List.of("an objective the gate judges after the load")
                : undecided(j, p, planned, Math.max(1, planned.looks() - 1));
        looks[j] = Integer.MAX_VALUE;
        say(p.name() + ": ran to its maximum" + (open.isEmpty() ? "" : "; not decided at the last early look: "
                + String.join("; ", open.subList(0, Math.min(3, open.size())))
                + (open.size() > 3 ? " and " + (open.size() - 3) + " more" : "")));
    }

    private static void say(String line) {
        System.out.println("[load] " + line);
    }

    /** The looks of a ranged phase: at its minimum, every {@link #LOOK} after, the last at its maximum. */
    static SequentialLooks planned(Phase p) {
        long span = p.duration().toMillis() - p.minimum().toMillis();
        return new SequentialLooks(1 + (int) (span / LOOK.toMillis()), SequentialLooks.ALPHA);
    }

    /** The claims on {@code p} not yet PASS or FAIL at {@code look}, in words; empty when all are decided. */
    private List<String> undecided(int phase, Phase p, SequentialLooks planned, int look) {
        List<String> ops = operations.get();
        List<Integer> api = new ArrayList<>();
        for (int o = 0; o < ops.size(); o++) {
            if (!LoadRun.isSetUp(ops.get(o))) {
                api.add(o);
            }
        }
        List<String> open = new ArrayList<>();
        for (PhaseRules.Claim c : rules.on(p.name())) {
            Map<String, List<Integer>> scopes = new LinkedHashMap<>();
            switch (c.operation()) {
                case PhaseRules.EACH -> api.forEach(o -> scopes.put(ops.get(o), List.of(o)));
                case PhaseRules.ALL -> scopes.put("all operations", api);
                default -> scopes.put(c.operation(), ops.contains(c.operation())
                        ? List.of(ops.indexOf(c.operation())) : List.of());
            }
            for (Map.Entry<String, List<Integer>> scope : scopes.entrySet()) {
                long n = 0;
                long over = 0;
                for (int o : scope.getValue()) {
                    Histogram h = answered[phase][o];
                    if (h != null) {
                        n += h.getTotalCount();
                        over += h.getCountBetweenValues(c.limitMicros(), LoadRecorder.MAX_MICROS);
                    }
                }
                if (planned.judgePercentile(c.percentile(), n, over, look) == SequentialLooks.Claim.UNDECIDED) {
                    open.add(String.format(Locale.ROOT, "%s p%s < %s ms (%d answers, %d at or over)", scope.getKey(),
                            Units.formatNumber(c.percentile()), Units.formatNumber(c.limitMicros() / 1000.0), n, over));
                }
            }
        }
        return open;
    }

    private static int slices(Duration d) {
        return (int) (d.toMillis() / SteadyState.OBSERVATION_MILLIS);
    }

    /** A warm-up's latency sums per fifth of a second, written on the hot path, read once a second. */
    static final class Warmup {
        private final LongAdder[] sums;
        private final LongAdder[] counts;

        Warmup(Phase p) {
            int n = slices(p.duration()) + 2;
            sums = new LongAdder[n];
            counts = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                sums[i] = new LongAdder();
                counts[i] = new LongAdder();
            }
        }

        void add(long offsetMillis, long micros) {
            int slot = (int) (offsetMillis / SteadyState.OBSERVATION_MILLIS);
            if (slot >= 0 && slot < sums.length) {
                sums[slot].add(micros);
                counts[slot].increment();
            }
        }

        /**
         * Mean latency of each whole slice before {@code elapsedMillis}; a slice without answers repeats the last
         * mean (none yet: the first that has one).
         */
        double[] means(long elapsedMillis) {
            int n = (int) Math.min(sums.length, elapsedMillis / SteadyState.OBSERVATION_MILLIS);
            double[] out = new double[Math.max(0, n)];
            double last = Double.NaN;
            for (int i = 0; i < out.length; i++) {
                long c = counts[i].sum();
                out[i] = c == 0 ? last : sums[i].sum() / (double) c;
                last = out[i];
            }
            double first = Double.NaN;
            for (double m : out) {
                if (!Double.isNaN(m)) {
                    first = m;
                    break;
                }
            }
            for (int i = 0; i < out.length && Double.isNaN(out[i]); i++) {
                out[i] = Double.isNaN(first) ? 0 : first;
            }
            return out;
        }
    }
}
