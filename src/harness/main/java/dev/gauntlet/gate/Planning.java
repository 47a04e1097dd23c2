package dev.gauntlet.gate;

import dev.gauntlet.config.ConfigException;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.preflight.Preflight;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import dev.gauntlet.process.Workspace;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The run's plan in the making: the files the environment file names (pacts, an OpenAPI document) are checked and the
 * simulation's dry run (a forked JVM, seconds) is made on a thread of its own while the environment starts. The dry run has processes of its own, so an
 * environment that fails to start stops its services, not the dry run.
 */
final class Planning {
    private final ChildProcesses dryRun;
    private final CompletableFuture<Preflight.Plan> plan;

    /** Starts checking {@code spec}'s files and the simulation's dry run (without a dry run: checked now, may throw). */
    Planning(GateSpec spec, Workspace workspace) {
        this.dryRun = new ChildProcesses(Leftovers.shared(), workspace);
        this.plan = Preflight.checkAhead(spec, dryRun);
    }

    /** The plan, once the dry run is over; what the dry run found wrong is thrown as it was. */
    Preflight.Plan join() {
        try {
            return plan.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * When the environment could not start: a mistake the dry run found is what the user must fix first, so it is
     * thrown instead; otherwise returns.
     */
    void mistakeFirst() {
        try {
            plan.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConfigException mistake) {
                throw mistake;
            }
        }
    }

    /** Stops the dry run if it still runs (teardown). */
    void close() {
        dryRun.close();
    }
}
