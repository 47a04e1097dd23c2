package dev.gauntlet.load;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Base of gauntlet simulations: a Gatling simulation whose injection comes from a {@link LoadPlan}, so the plan's
 * phases, the recorder's timeline and the report agree.
 *
 * <pre>{@code
 * public class BaselineSimulation extends GauntletSimulation {
 *     {
 *         run(LoadPlan.warmup(20, ofSeconds(20)).hold("baseline", 40, ofSeconds(30)), OrdersTraffic.shoppers(run));
 *     }
 * }
 * }</pre>
 */
public abstract class GauntletSimulation extends Simulation {
    /** The gate's run: target URL, settings, recorded requests. */
    protected final LoadRun run = LoadRun.current();
    private LoadPlan plan;

    /** Sets the simulation up: {@code scenario} arrives as {@code plan} says, against the gate's target. */
    protected final void run(LoadPlan plan, ScenarioBuilder scenario) {
        this.plan = plan;
        setUp(scenario.exec(run.endOfVisit()).injectOpen(plan.injection())).protocols(run.http());
    }

    /**
     * Uses {@code plan} for the timeline only, for simulations that inject on their own (closed model); the
     * plan's phases should match what they inject.
     */
    protected final void usePlan(LoadPlan plan) {
        this.plan = plan;
    }

    @Override
    public void before() {
        if (plan == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " never called run(plan, scenario)");
        }
        run.use(plan);
    }

    @Override
    public void after() {
        run.recorder().close();
    }
}
