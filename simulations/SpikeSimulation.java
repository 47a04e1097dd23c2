package simulations;

import static java.time.Duration.ofSeconds;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;

/**
 * A traffic spike: baseline traffic, then {@code spikeFactor} × baseline at once (above the API's rate limit),
 * then back to baseline to see it recover. Rates and durations come from the environment.
 */
public class SpikeSimulation extends GauntletSimulation {
    {
        run(LoadPlan.warmup(run.rate("warmupRate", 20), run.duration("warmup", ofSeconds(20)))
                        .baseline(run.rate("baselineRate", 30), run.duration("baselineDuration", ofSeconds(30)))
                        .spike(run.rate("spikeFactor", 6), run.duration("spikeDuration", ofSeconds(15)))
                        .recovery(run.duration("recoveryDuration", ofSeconds(15))),
                OrdersTraffic.shoppers(run));
    }
}
