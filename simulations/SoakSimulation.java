package simulations;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;

/** A soak: baseline traffic for a long time (nightly), to find leaks, growing queues and creeping latency. */
public class SoakSimulation extends GauntletSimulation {
    {
        run(LoadPlan.warmup(run.rate("warmupRate", 20, "visits/s of the unscored warm-up"),
                                run.length("warmup", ofSeconds(30), "how long the unscored warm-up lasts"))
                        .baseline(run.rate("baselineRate", 30, "visits/s of steady traffic; later phases follow it"),
                                run.length("baselineDuration", ofMinutes(2), "how long the scored baseline lasts"))
                        .soak(run.duration("soakDuration", ofMinutes(30),
                                "how long the soak at the baseline rate lasts")),
                OrdersTraffic.shoppers(run));
    }
}
