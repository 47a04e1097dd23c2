package dev.gauntlet.environment;

import dev.gauntlet.process.ChildProcesses;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One way of running an environment's services, chosen by the environment file's {@code kind} and registered in
 * {@link EnvironmentProviders}. The {@link Environment} it starts hands out each service's
 * {@link ServiceControl} (for faults) and {@link ResourceProbe} (for memory and CPU).
 */
public interface EnvironmentProvider {

    /** The {@code kind} that selects it in an environment file, e.g. {@code local}. */
    String kind();

    /** What its services are, for messages, e.g. {@code child processes}. */
    String description();

    /**
     * Whether its services run an image ({@link ServiceSpec#image()}, with {@code baseImage}) rather than a command on
     * this machine; the other way round is a mistake in the environment file.
     */
    boolean runsImages();

    /**
     * Whether its services are already running somewhere and reached by a URL ({@link ServiceSpec#url()}) rather than
     * started by the gate; such an environment is shared, so probes that write and faults need an opt-in
     * ({@link Reach}).
     */
    default boolean reachedByUrl() {
        return false;
    }

    /** The fields a service of this kind may have in the environment file's {@code services:}. */
    default java.util.Set<String> serviceFields() {
        return java.util.Set.of("command", "health", "env", "underTest", "dependsOn", "startTimeout", "image", "jar",
                "replicas", "balancer", "user");
    }

    /**
     * Whether a service may have {@code replicas: N} behind a load balancer the environment starts (the balancer's
     * command names {@code ${balancer.config}}, a configuration the provider writes from the replicas' ports).
     */
    default boolean runsReplicas() {
        return false;
    }

    /**
     * Starts the services of {@code spec} on free 127.0.0.1 ports and waits until each is healthy.
     *
     * @param spec      what to start; its kind is this provider's
     * @param runDir    folder for the services' logs
     * @param processes owner of the run's processes (and whatever else it starts): closing it stops them too
     * @param report    told about progress worth a console line (start times, image builds)
     * @throws EnvironmentException when a service cannot start; everything started so far is stopped again
     */
    Environment start(EnvironmentSpec spec, Path runDir, ChildProcesses processes, Consumer<String> report);

    /**
     * Removes what gates that were killed left behind of this kind (child processes of every kind are swept by
     * {@link dev.gauntlet.process.Leftovers}). Quiet and cheap when there is nothing to look at.
     *
     * @param used whether this gate runs this kind (then its own start reports a missing engine, not the sweep)
     * @return how many leftovers were removed
     */
    int sweepLeftovers(boolean used, Consumer<String> report);
}
