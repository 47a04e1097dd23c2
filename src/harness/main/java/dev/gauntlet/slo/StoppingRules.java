package dev.gauntlet.slo;

import dev.gauntlet.load.PhaseRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What ends a ranged phase, from the objectives: each latency objective written for a phase is a claim the load worker
 * looks at ({@link dev.gauntlet.stats.SequentialLooks}), and so is a rate limit's admitted latency (its 429s, 5xx and
 * unanswered requests are counted over the phase as it ran: a FAIL on them needs no more samples); an error budget,
 * error rate or throughput is judged on whatever length the phase had and holds nothing back; any other objective
 * written for a phase (recovery, resources, monitoring …) is judged on evidence the worker does not see, so its phase
 * runs to its maximum.
 */
public final class StoppingRules {
    private StoppingRules() {
    }

    public static PhaseRules of(List<Objective> objectives) {
        List<PhaseRules.Claim> claims = new ArrayList<>();
        Set<String> held = new TreeSet<>();
        for (Objective o : objectives) {
            String phase = o.scope().phase();
            if (phase == null) {
                continue; // scored over every scored phase together, or not on the load's records
            }
            switch (o.kind()) {
                case LATENCY -> {
                    Objective.Latency l = (Objective.Latency) o;
                    String op = l.scope().operation() == null ? PhaseRules.ALL : l.scope().operation();
                    claims.add(new PhaseRules.Claim(phase, op, l.percentile(), l.threshold().toNanos() / 1000));
                }
                case RATE_LIMIT -> { // its admitted latency needs samples; its 429s, 5xx and silences are counted
                    Objective.RateLimit r = (Objective.RateLimit) o;
                    String op = r.scope().operation() == null ? PhaseRules.ALL : r.scope().operation();
                    claims.add(new PhaseRules.Claim(phase, op, r.percentile(), r.threshold().toNanos() / 1000));
                }
                case ERROR_RATE, ERROR_BUDGET, THROUGHPUT -> {
                    // a share or a rate measured over the phase as it ran: no more answers needed
                }
                default -> held.add(phase);
            }
        }
        return new PhaseRules(claims, held);
    }
}
