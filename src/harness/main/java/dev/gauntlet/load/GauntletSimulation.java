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

    /**
     * Sets the simulation up: {@code scenario} arrives as {@code plan} says, against the gate's target. When the
     * environment file has a {@code load.plan}, that plan is used instead of {@code plan}.
     */
    protected final void run(LoadPlan plan, ScenarioBuilder scenario) {
        this.plan = run.givenPlan().orElse(plan);
        if (run.declaring()) { // a dry run: the plan and the settings read are all the gate wants
            run.use(this.plan);
            return;
        }
        this.plan = this.plan.share(run.injector().count()); // one injector of several offers its share
        if (this.plan.ranged() && run.injector().count() > 1) {
            throw new IllegalStateException("load.injectors cannot split a plan whose phases end when decided: give "
                    + "every phase a fixed duration, or run one injector");
        }
        setUp(scenario.exec(run.endOfVisit()).injectOpen(this.plan.injection(run.clock(this.plan))))
                .protocols(run.http());
    }

    /**
     * Uses {@code plan} for the timeline only, for simulations that inject on their own (closed model); the
     * plan's phases should match what they inject. Such a simulation cannot take the environment file's
     * {@code load.plan}.
     */
    protected final void usePlan(LoadPlan plan) {
        if (run.givenPlan().isPresent()) {
            throw new IllegalStateException("load.plan cannot replace the plan of " + getClass().getName()
                    + ": it injects on its own (usePlan); drop load.plan or have it call run(plan, scenario)");
        }
        if (run.injector().count() > 1 && !run.declaring()) {
            throw new IllegalStateException("load.injectors cannot split the load of " + getClass().getName()
                    + ": it injects on its own (usePlan); run it with one injector or have it call run(plan, scenario)");
        }
        if (plan.ranged()) {
            throw new IllegalStateException(getClass().getName() + " injects on its own (usePlan), so its phases cannot "
                    + "end when decided: give every phase a fixed duration, or have it call run(plan, scenario)");
        }
        this.plan = plan;
        if (run.declaring()) {
            run.use(plan);
        }
    }

    @Override
    public void before() {
        if (plan == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " never called run(plan, scenario)");
        }
        run.use(plan);
        run.injector().awaitStart(); // several injectors: none offers load before all are ready
    }

    @Override
    public void after() {
        run.recorder().close();
    }
}
