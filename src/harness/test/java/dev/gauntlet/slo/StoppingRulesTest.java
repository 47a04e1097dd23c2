package dev.gauntlet.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gauntlet.load.PhaseRules;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoppingRulesTest {
    @Test
    void latencyClaimsDecideAPhaseOtherEvidenceHoldsItAndShareObjectivesDoNeither() {
        PhaseRules rules = StoppingRules.of(List.of(
                new Objective.Latency("a", new Objective.Scope("baseline", "*"), 95, Duration.ofMillis(150)),
                new Objective.Latency("b", new Objective.Scope("baseline", null), 99, Duration.ofMillis(500)),
                new Objective.Latency("c", new Objective.Scope(null, null), 99, Duration.ofSeconds(1)),
                new Objective.ErrorBudget("d", new Objective.Scope("baseline", null), 0.995, 1),
                new Objective.RateLimit("e", new Objective.Scope("spike", null), 99, Duration.ofMillis(500)),
                new Objective.RateLimit("f", new Objective.Scope("spike", "POST /orders"), 95, Duration.ofMillis(300)),
                new Objective.Recovery("g", new Objective.Scope("recovery", null), Duration.ofSeconds(10), 99,
                        Duration.ofMillis(500), 0.01)));
        assertEquals(List.of(new PhaseRules.Claim("baseline", PhaseRules.EACH, 95, 150_000),
                new PhaseRules.Claim("baseline", PhaseRules.ALL, 99, 500_000),
                new PhaseRules.Claim("spike", PhaseRules.ALL, 99, 500_000),
                new PhaseRules.Claim("spike", "POST /orders", 95, 300_000)), rules.claims(),
                "a latency objective over every scored phase together decides none of them; a rate limit's admitted "
                        + "latency decides its phase like a latency objective");
        assertEquals(Set.of("recovery"), rules.held(), "recovery is judged by the gate: its phase runs on");
    }
}
