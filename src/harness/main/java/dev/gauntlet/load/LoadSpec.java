package dev.gauntlet.load;

import java.time.Duration;
import java.util.Map;

/**
 * Which simulation drives the load, and the numbers it reads (rates, durations, keys) so that CI can run a plan
 * short and a nightly job long without touching the simulation.
 *
 * @param enabled    whether the gate runs load at all
 * @param simulation simulation class; a simple name is looked up in the {@code simulations} package
 * @param settings   values the simulation reads through {@link LoadRun#setting}
 * @param timeout    hard limit for the whole load stage (the worker is killed after it)
 */
public record LoadSpec(boolean enabled, String simulation, Map<String, String> settings, Duration timeout) {
    public LoadSpec {
        settings = Map.copyOf(settings);
    }

    /** Fully qualified class name of the simulation. */
    public String simulationClass() {
        return simulation.contains(".") ? simulation : "simulations." + simulation;
    }
}
