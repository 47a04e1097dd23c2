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
        run(LoadPlan.warmup(run.rate("warmupRate", 20, "visits/s of the unscored warm-up"),
                                run.length("warmup", ofSeconds(20), "how long the unscored warm-up lasts"))
                        .baseline(run.rate("baselineRate", 30, "visits/s of steady traffic; later phases follow it"),
                                run.length("baselineDuration", ofSeconds(20), "how long the scored baseline lasts"))
                        .outage(run.duration("outageDuration", ofSeconds(25),
                                "how long the outage lasts (faults align to it)"))
                        .recovery(run.length("recoveryDuration", ofSeconds(20),
                                "how long the baseline rate returns for")),
                OrdersTraffic.shoppers(run));
    }
}
