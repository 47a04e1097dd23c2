package dev.gauntlet.resource;

import dev.gauntlet.environment.RunningService;
import dev.gauntlet.environment.ServiceControl;

/**
 * Reads one running service's memory and CPU. The seam between the sampler and where the figures come from: the
 * {@code /proc} files of a local service's process tree, or the container engine's stats.
 */
public interface ResourceProbe {

    /** Where the figures come from, for the report: {@code process tree} or {@code container stats}. */
    String source();

    /**
     * Reads the service now.
     *
     * @return the reading, or null when the service does not run at this moment (stopped by a fault)
     * @throws Exception when it could not be read; the sampler counts a gap and goes on
     */
    Reading read() throws Exception;

    /**
     * The probe for a started service: the engine's stats for a container, else the process tree of the service's
     * current process ({@link ServiceControl#instance()} follows restarts; the first pid is the fallback).
     */
    static ResourceProbe of(RunningService service, ServiceControl control) {
        String container = control == null ? null : control.containerId();
        if (container != null) {
            return new ContainerStatsProbe(container);
        }
        return new ProcessTreeProbe(() -> ProcessTreeProbe.pidOf(control, service.pid()));
    }
}
