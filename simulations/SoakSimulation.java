package simulations;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;

/** A soak: baseline traffic for a long time (nightly), to find leaks, growing queues and creeping latency. */
public class SoakSimulation extends GauntletSimulation {
    {
        run(LoadPlan.warmup(run.rate("warmupRate", 20), run.duration("warmup", ofSeconds(30)))
                        .baseline(run.rate("baselineRate", 30), run.duration("baselineDuration", ofMinutes(2)))
                        .soak(run.duration("soakDuration", ofMinutes(30))),
                OrdersTraffic.shoppers(run));
    }
}
