package dev.gauntlet.load;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What drives the load — a simulation class, or traffic made from the contracts — with the plan and the numbers it
 * reads (rates, durations, keys), so that CI can run a plan short and a nightly job long without touching code.
 *
 * @param enabled    whether the gate runs load at all
 * @param simulation simulation class, or null with {@code from: contracts}; a simple name is looked up on the
 *                   worker's class path by the gate ({@link Simulations#resolve})
 * @param from       {@code contracts} (every interaction of the contracts folder becomes traffic), or null
 * @param mix        with {@code from: contracts}: percent of the visits per operation ({@code GET /orders/{id}});
 *                   operations not named share the rest evenly; empty = every operation alike
 * @param plan       the environment file's {@code load.plan}, or null: it replaces a simulation's own plan
 * @param settings   values the simulation reads through {@link LoadRun#setting}
 * @param timeout    hard limit for the whole load stage (the worker is killed after it)
 * @param injectors  how many injectors share the plan ({@code load.injectors}); {@link Injectors#ONE} by default
 */
public record LoadSpec(boolean enabled, String simulation, String from, Map<String, Double> mix, LoadPlan plan,
                       Map<String, String> settings, Duration timeout, Injectors injectors) {
    /** The one value of {@code load.from}. */
    public static final String CONTRACTS = "contracts";

    public LoadSpec {
        settings = Map.copyOf(settings);
        mix = Collections.unmodifiableMap(new LinkedHashMap<>(mix));
        injectors = injectors == null ? Injectors.ONE : injectors;
    }

    /** With one injector. */
    public LoadSpec(boolean enabled, String simulation, String from, Map<String, Double> mix, LoadPlan plan,
                    Map<String, String> settings, Duration timeout) {
        this(enabled, simulation, from, mix, plan, settings, timeout, Injectors.ONE);
    }

    /** A simulation class with its own plan. */
    public LoadSpec(boolean enabled, String simulation, Map<String, String> settings, Duration timeout) {
        this(enabled, simulation, null, Map.of(), null, settings, timeout);
    }

    /** Whether the traffic is made from the contracts rather than by a simulation class. */
    public boolean fromContracts() {
        return CONTRACTS.equals(from);
    }

    /**
     * The class the load worker runs: {@link ContractSimulation} for {@code from: contracts}, a full name as given,
     * a simple name in the {@code simulations} package (the gate resolves simple names first, see
     * {@link Simulations#resolve}).
     */
    public String simulationClass() {
        if (fromContracts()) {
            return ContractSimulation.class.getName();
        }
        return simulation.contains(".") ? simulation : "simulations." + simulation;
    }

    /** This spec with {@code simulation} replaced (by its resolved, fully qualified name). */
    public LoadSpec withSimulation(String simulationClass) {
        return new LoadSpec(enabled, simulationClass, from, mix, plan, settings, timeout, injectors);
    }

    /** What drives the load, for people: {@code simulations.SpikeSimulation} or {@code from contracts}. */
    public String describe() {
        return fromContracts() ? "from contracts" : simulationClass();
    }
}
