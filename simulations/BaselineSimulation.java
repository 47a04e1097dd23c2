package simulations;

import static java.time.Duration.ofSeconds;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;

/** Steady traffic at the baseline rate after an unscored warm-up. Rates and durations come from the environment. */
public class BaselineSimulation extends GauntletSimulation {
    {
        run(LoadPlan.warmup(run.rate("warmupRate", 20), run.duration("warmup", ofSeconds(20)))
                        .baseline(run.rate("baselineRate", 30), run.duration("baselineDuration", ofSeconds(30))),
                OrdersTraffic.shoppers(run));
    }
}
