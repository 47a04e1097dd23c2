package dev.gauntlet.load;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import scala.collection.AbstractIterator;
import scala.collection.Iterator;
import scala.concurrent.duration.FiniteDuration;

/**
 * A plan with ranged phases as one Gatling open-injection step whose arrivals follow the {@link PhaseClock}: each
 * phase offers its rate until it ends — a fixed phase after its duration, a ranged one as soon as the clock allows it
 * past its minimum, or at its maximum — and the next phase starts there. Gatling asks for the users of the coming
 * second one batch at a time ({@code UserStream}), so an end is placed within about a second of the decision, never
 * before it, and the phases before it keep every arrival they were given.
 *
 * <p>Arrivals are evenly spaced at the phase's rate, as Gatling's own {@code constantUsersPerSec} and
 * {@code rampUsersPerSec} space them (a ramp, fixed-length by rule, by its integrated rate).
 */
final class LiveInjection implements io.gatling.core.controller.inject.open.OpenInjectionStep {
    private final LoadPlan plan;
    private final PhaseClock clock;

    private LiveInjection(LoadPlan plan, PhaseClock clock) {
        this.plan = plan;
        this.clock = clock;
    }

    /** The Java DSL's step for {@code plan}, driven by {@code clock}. */
    static io.gatling.javaapi.core.OpenInjectionStep step(LoadPlan plan, PhaseClock clock) {
        try {
            // the Java DSL wraps Scala steps through a private constructor and offers no custom ones
            Constructor<io.gatling.javaapi.core.OpenInjectionStep> wrap = io.gatling.javaapi.core.OpenInjectionStep.class
                    .getDeclaredConstructor(io.gatling.core.controller.inject.open.OpenInjectionStep.class);
            wrap.setAccessible(true);
            return wrap.newInstance(new LiveInjection(plan, clock));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Gatling version does not let a ranged plan inject its users ("
                    + e + "): give every phase a fixed duration", e);
        }
    }

    @Override
    public Iterator<FiniteDuration> chain(Iterator<FiniteDuration> next) {
        return new Arrivals(plan.phases(), clock); // the whole plan is this one step: nothing follows it
    }

    /** Users at every phase's maximum: an upper bound, which Gatling only shows. */
    @Override
    public long users() {
        return plan.phases().stream().mapToLong(p -> Math.round(p.meanRps() * p.duration().toMillis() / 1000.0)).sum();
    }

    /** The longest the plan can take. */
    @Override
    public FiniteDuration duration() {
        return new FiniteDuration(plan.duration().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int productArity() {
        return 0;
    }

    @Override
    public Object productElement(int n) {
        throw new IndexOutOfBoundsException(n);
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof LiveInjection;
    }

    @Override
    public String toString() {
        return "gauntlet phases " + plan.encode();
    }

    /** The arrival offsets, computed as Gatling asks for them. */
    static final class Arrivals extends AbstractIterator<FiniteDuration> {
        private final List<Phase> phases;
        private final PhaseClock clock;
        private int phase;
        private double phaseStart; // ms from the start of the injection
        private long k; // arrivals so far in this phase
        private double nextAt = -1; // ms, the next arrival once computed
        private boolean done;

        Arrivals(List<Phase> phases, PhaseClock clock) {
            this.phases = phases;
            this.clock = clock;
        }

        @Override
        public boolean hasNext() {
            advance();
            return !done;
        }

        @Override
        public FiniteDuration next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the plan's phases have all ended");
            }
            FiniteDuration at = new FiniteDuration(Math.round(nextAt * 1_000_000), TimeUnit.NANOSECONDS);
            k++;
            nextAt = -1;
            return at;
        }

        private void advance() {
            while (!done && nextAt < 0) {
                Phase p = phases.get(phase);
                double max = phaseStart + p.duration().toMillis();
                double candidate = phaseStart + offset(p, k);
                if (candidate >= max) {
                    end(p, max, PhaseClock.MAXIMUM);
                } else if (p.ranged() && candidate >= phaseStart + p.minimum().toMillis()
                        && clock.mayEnd(phase) != null) {
                    end(p, candidate, clock.mayEnd(phase)); // allowed once, never withdrawn: the same reason
                } else {
                    nextAt = candidate;
                }
            }
        }

        private void end(Phase p, double at, String why) {
            if (p.ranged()) {
                clock.ended(phase, Math.round(at), why);
            }
            phase++;
            phaseStart = at;
            k = 0;
            done = phase == phases.size();
        }

        /** Milliseconds from the phase's start to its {@code k}-th arrival (0-based); infinite at rate 0. */
        static double offset(Phase p, long k) {
            double from = p.fromRps();
            double to = p.toRps();
            double seconds = p.duration().toMillis() / 1000.0;
            if (from == to) {
                return from == 0 ? Double.POSITIVE_INFINITY : 1000.0 * k / from;
            }
            // users by time τ: from·τ + (to − from)·τ² / (2·seconds) = k, solved for τ
            double a = (to - from) / (2 * seconds);
            double disc = from * from + 4 * a * k;
            if (disc < 0) {
                return Double.POSITIVE_INFINITY; // a ramp down to 0 that offers no more users
            }
            return 1000.0 * (-from + Math.sqrt(disc)) / (2 * a);
        }
    }
}
