package simulations;

import static java.time.Duration.ofSeconds;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;

/**
 * A dependency outage under steady traffic: baseline, an {@code outage} phase during which the environment's
 * fault schedule takes a dependency down, then {@code recovery}. Rates and durations come from the environment.
 */
public class OutageSimulation extends GauntletSimulation {
    {
        run(LoadPlan.warmup(run.rate("warmupRate", 20), run.duration("warmup", ofSeconds(20)))
                        .baseline(run.rate("baselineRate", 30), run.duration("baselineDuration", ofSeconds(20)))
                        .outage(run.duration("outageDuration", ofSeconds(25)))
                        .recovery(run.duration("recoveryDuration", ofSeconds(20))),
                OrdersTraffic.shoppers(run));
    }
}
