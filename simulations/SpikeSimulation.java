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
        run(LoadPlan.warmup(run.rate("warmupRate", 20, "visits/s of the unscored warm-up"),
                                run.length("warmup", ofSeconds(20), "how long the unscored warm-up lasts"))
                        .baseline(run.rate("baselineRate", 30, "visits/s of steady traffic; later phases follow it"),
                                run.length("baselineDuration", ofSeconds(30), "how long the scored baseline lasts"))
                        .spike(run.number("spikeFactor", 6, "the spike as a multiple of the baseline rate"),
                                run.length("spikeDuration", ofSeconds(15), "how long the spike lasts"))
                        .recovery(run.length("recoveryDuration", ofSeconds(15),
                                "how long the baseline rate returns for")),
                OrdersTraffic.shoppers(run));
    }
}
