package dev.gauntlet.load;

import java.util.List;

/**
 * What one of several injectors did: how it ended, when it started against the others, and per phase the rate it
 * offered (its share of the plan) against the rate it achieved (visits it really started).
 *
 * @param index            1-based
 * @param count            injectors in all
 * @param state            how it ended
 * @param startEpochMillis its first request (0 when it never sent one)
 * @param startSkewMillis  how much later than the earliest injector it started
 * @param requests         requests it recorded
 * @param phases           offered and achieved rate per phase, in timeline order
 * @param stoppedAtMillis  for a {@link State#DIED} or {@link State#STALLED} one: when, from the load's start; else 0
 * @param stoppedIn        the phase it stopped in, or null
 * @param detail           how it ended, for people ({@code exit 137, killed by signal 9}), or empty
 * @param tolerance        how far below its share it may fall in a phase ({@code load.injectors.tolerance})
 */
public record InjectorRun(int index, int count, State state, long startEpochMillis, long startSkewMillis,
                          long requests, List<PhaseRate> phases, long stoppedAtMillis, String stoppedIn, String detail,
                          double tolerance) {
    public InjectorRun {
        phases = List.copyOf(phases);
    }

    /** How an injector ended. */
    public enum State {
        /** Ran its share of the whole plan. */
        FINISHED,
        /** Ended before the plan did (crashed, was killed). */
        DIED,
        /** Still running well after the plan's end: stopped by the gate. */
        STALLED,
        /** Stopped by the gate because another injector failed. */
        STOPPED
    }

    /**
     * @param phase       phase name
     * @param scored      whether objectives look at the phase (an unscored warm-up cannot make a verdict partial)
     * @param offeredRps  visits per second its share of the plan offered
     * @param achievedRps visits per second it really started
     * @param requests    requests it recorded in the phase
     */
    public record PhaseRate(String phase, boolean scored, double offeredRps, double achievedRps, long requests) {
        /** The part of the offered visits it did not start (0 when it kept up or offered nothing). */
        public double missing() {
            return offeredRps <= 0 ? 0 : Math.max(0, 1 - achievedRps / offeredRps);
        }
    }

    /** {@code injector 2 of 3}. */
    public String name() {
        return "injector " + index + " of " + count;
    }
}
