package dev.gauntlet.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An open-model load plan as named phases. It yields both Gatling's injection steps and the {@link Timeline} the
 * harness scores by, so the two can never disagree. Immutable: each step returns a new plan.
 *
 * <pre>{@code
 * LoadPlan plan = LoadPlan.warmup(20, ofSeconds(20))
 *         .baseline(40, ofSeconds(30))
 *         .spike(4, ofSeconds(15))          // 4 × baseline, at once
 *         .recovery(ofSeconds(20));         // back to baseline
 * }</pre>
 */
public final class LoadPlan {
    private final List<Phase> phases;

    private LoadPlan(List<Phase> phases) {
        this.phases = List.copyOf(phases);
    }

    /** Starts a plan with an unscored warm-up at a constant rate (a cold JVM is slow; do not score it). */
    public static LoadPlan warmup(double rps, Duration duration) {
        return new LoadPlan(List.of(new Phase("warmup", false, rps, rps, duration)));
    }

    /**
     * Starts a plan with an unscored warm-up lasting {@code span}: with a range ({@link Span#AUTO}) it ends once latency
     * has settled ({@link SteadyState}).
     */
    public static LoadPlan warmup(double rps, Span span) {
        return new LoadPlan(List.of(new Phase("warmup", false, rps, rps, span)));
    }

    /** Starts a plan without warm-up. */
    public static LoadPlan empty() {
        return new LoadPlan(List.of());
    }

    /**
     * A plan of exactly these phases, in order: what an environment file's {@code load.plan} becomes.
     *
     * @throws IllegalArgumentException when a phase name appears twice
     */
    public static LoadPlan of(List<Phase> phases) {
        LoadPlan plan = empty();
        for (Phase p : phases) {
            plan = plan.with(p);
        }
        return plan;
    }

    /** Adds the scored {@code baseline} phase: steady traffic at {@code rps}, what the other phases refer to. */
    public LoadPlan baseline(double rps, Duration duration) {
        return hold("baseline", rps, duration);
    }

    /** Adds the scored {@code baseline} phase lasting {@code span}: with a range it ends when its objectives are decided. */
    public LoadPlan baseline(double rps, Span span) {
        return hold("baseline", rps, span);
    }

    /** Adds a {@code spike} phase at {@code multiplier} × the baseline rate, switched on at once. */
    public LoadPlan spike(double multiplier, Duration duration) {
        return hold("spike", baselineRps() * multiplier, duration);
    }

    /** Adds a {@code spike} phase lasting {@code span}. */
    public LoadPlan spike(double multiplier, Span span) {
        return hold("spike", baselineRps() * multiplier, span);
    }

    /** Adds a {@code recovery} phase back at the baseline rate: does the API return to normal after a spike or fault? */
    public LoadPlan recovery(Duration duration) {
        return hold("recovery", baselineRps(), duration);
    }

    /** Adds a {@code recovery} phase lasting {@code span}. */
    public LoadPlan recovery(Span span) {
        return hold("recovery", baselineRps(), span);
    }

    /**
     * Adds an {@code outage} phase at the baseline rate: the fault schedule takes a dependency down during it
     * ({@code faults: [{phase: outage, ...}]} in the environment file).
     */
    public LoadPlan outage(Duration duration) {
        return hold("outage", baselineRps(), duration);
    }

    /** Adds a {@code soak} phase: the baseline rate for a long time (leaks, growing queues, creeping latency). */
    public LoadPlan soak(Duration duration) {
        return hold("soak", baselineRps(), duration);
    }

    private double baselineRps() {
        return phases.stream().filter(p -> p.name().equals("baseline")).findFirst()
                .orElseThrow(() -> new IllegalStateException("spike, recovery and soak are relative to a baseline phase: add baseline(rps, duration) first"))
                .toRps();
    }

    /** Adds a scored phase holding {@code rps} arrivals per second. */
    public LoadPlan hold(String name, double rps, Duration duration) {
        return with(new Phase(name, true, rps, rps, duration));
    }

    /** Adds a scored phase holding {@code rps} for {@code span}: with a range it ends when its objectives are decided. */
    public LoadPlan hold(String name, double rps, Span span) {
        return with(new Phase(name, true, rps, rps, span));
    }

    /** Adds a scored phase ramping linearly from the previous phase's final rate to {@code rps}. */
    public LoadPlan rampTo(String name, double rps, Duration duration) {
        double from = phases.isEmpty() ? 0 : phases.get(phases.size() - 1).toRps();
        return with(new Phase(name, true, from, rps, duration));
    }

    private LoadPlan with(Phase p) {
        if (phases.stream().anyMatch(q -> q.name().equals(p.name()))) {
            throw new IllegalArgumentException("phase '" + p.name() + "' appears twice in the plan");
        }
        List<Phase> next = new ArrayList<>(phases);
        next.add(p);
        return new LoadPlan(next);
    }

    public List<Phase> phases() {
        return phases;
    }

    /** Whether some phase may end before its maximum (then {@link #duration} is the longest the plan can take). */
    public boolean ranged() {
        return phases.stream().anyMatch(Phase::ranged);
    }

    /** The shortest the plan can take: every ranged phase at its minimum. */
    public Duration minimumDuration() {
        return phases.stream().map(Phase::minimum).reduce(Duration.ZERO, Duration::plus);
    }

    /** Total planned duration: the longest, with every ranged phase at its maximum. */
    public Duration duration() {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Gatling open-model injection steps, one per phase; a plan with ranged phases is one live step whose arrivals
     * follow {@code clock}'s phases as they end ({@link LiveInjection}).
     */
    public OpenInjectionStep[] injection(PhaseClock clock) {
        if (phases.isEmpty()) {
            throw new IllegalStateException("the load plan has no phases");
        }
        if (ranged()) {
            return new OpenInjectionStep[] {LiveInjection.step(this, clock)};
        }
        return injection();
    }

    /** Gatling open-model injection steps, one per phase (ranged phases at their maximum). */
    public OpenInjectionStep[] injection() {
        if (phases.isEmpty()) {
            throw new IllegalStateException("the load plan has no phases");
        }
        return phases.stream().map(LoadPlan::step).toArray(OpenInjectionStep[]::new);
    }

    /**
     * The plan as one line ({@code name:scored:fromRps:toRps:millis:minMillis} per phase, comma-separated), how the gate hands
     * an environment file's plan to the load worker ({@code -Dgauntlet.plan}); {@link #decode} reads it back.
     */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Phase p : phases) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(p.name()).append(':').append(p.scored()).append(':').append(p.fromRps()).append(':')
                    .append(p.toRps()).append(':').append(p.duration().toMillis()).append(':').append(p.minimum().toMillis());
        }
        return out.toString();
    }

    /**
     * This plan's share for one of {@code injectors} injectors: the same phases and durations at {@code 1/injectors}
     * of every rate, so that the injectors together offer the plan.
     */
    public LoadPlan share(int injectors) {
        if (injectors == 1) {
            return this;
        }
        List<Phase> out = new ArrayList<>();
        for (Phase p : phases) {
            out.add(new Phase(p.name(), p.scored(), p.fromRps() / injectors, p.toRps() / injectors, p.duration(),
                    p.minimum()));
        }
        return new LoadPlan(out);
    }

    /** Reads what {@link #encode} wrote. */
    public static LoadPlan decode(String encoded) {
        List<Phase> phases = new ArrayList<>();
        for (String phase : encoded.split(",")) {
            String[] f = phase.trim().split(":");
            if (f.length != 5 && f.length != 6) {
                throw new IllegalArgumentException("not an encoded load plan phase (name:scored:from:to:millis"
                        + "[:minMillis]): '" + phase + "'");
            }
            Duration max = Duration.ofMillis(Long.parseLong(f[4]));
            phases.add(new Phase(f[0], Boolean.parseBoolean(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    max, f.length == 6 ? Duration.ofMillis(Long.parseLong(f[5])) : max));
        }
        return of(phases);
    }

    private static OpenInjectionStep step(Phase p) {
        if (p.fromRps() == 0 && p.toRps() == 0) {
            return nothingFor(p.duration());
        }
        if (p.fromRps() == p.toRps()) {
            return constantUsersPerSec(p.fromRps()).during(p.duration());
        }
        return rampUsersPerSec(p.fromRps()).to(p.toRps()).during(p.duration());
    }
}
