package simulations;

import static java.time.Duration.ofSeconds;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;

/** Steady traffic at the baseline rate after an unscored warm-up. Rates and durations come from the environment. */
public class BaselineSimulation extends GauntletSimulation {
    {
        run(LoadPlan.warmup(run.rate("warmupRate", 20, "visits/s of the unscored warm-up"),
                                run.length("warmup", ofSeconds(20), "how long the unscored warm-up lasts"))
                        .baseline(run.rate("baselineRate", 30, "visits/s of steady traffic; later phases follow it"),
                                run.length("baselineDuration", ofSeconds(30), "how long the scored baseline lasts")),
                OrdersTraffic.shoppers(run));
    }
}
