package dev.gauntlet.gate;

import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.fault.FaultSchedule;
import dev.gauntlet.monitor.Monitor;
import dev.gauntlet.monitor.Poll;
import dev.gauntlet.resource.ResourceSampler;
import dev.gauntlet.resource.ResourceSamples;
import java.util.List;
import java.util.Map;

/**
 * What runs beside the load and must be stopped whoever ends the run (its last stage or the shutdown hook): the fault
 * schedule, the resource sampler and the monitoring polls. Each stop is idempotent and returns what was recorded, as immutable values.
 * Thread-safe.
 */
final class Running {
    private FaultSchedule faults;
    private Faults stoppedFaults;
    private ResourceSampler sampler;
    private ResourceSamples samples;
    private Monitor monitor;
    private Map<String, List<Poll>> polls;

    /** The faults as they happened and the load clock's start they count from (epoch ms, 0 = unknown). */
    record Faults(List<FaultEdge> edges, long origin) {
        static final Faults NONE = new Faults(List.of(), 0);

        Faults {
            edges = List.copyOf(edges);
        }
    }

    private boolean stopping;

    /** Holds {@code schedule}; reverts it at once when the run is already being torn down. */
    synchronized void started(FaultSchedule schedule) {
        faults = schedule;
        if (stopping) {
            stopFaults();
        }
    }

    /** Holds {@code resourceSampler}; stops it at once when the run is already being torn down. */
    synchronized void started(ResourceSampler resourceSampler) {
        sampler = resourceSampler;
        if (stopping) {
            stopResources();
        }
    }

    /**
     * The faults of the schedule that are on right now, each named once per occurrence ({@code stop on payments in
     * outage at +12 s}); empty without a schedule.
     */
    synchronized java.util.Set<String> faultsOn() {
        java.util.Set<String> on = new java.util.LinkedHashSet<>();
        if (faults == null || stoppedFaults != null) {
            return on;
        }
        long origin = faults.origin();
        for (dev.gauntlet.fault.FaultEdge e : faults.active()) {
            if (e.start() > 0 && e.error() == null) {
                on.add(e.kind() + " on " + e.service() + (e.phase() == null ? "" : " in " + e.phase()) + " at +"
                        + Math.max(0, (e.scheduledStart() - origin) / 1000) + " s");
            }
        }
        return on;
    }

    /** Holds {@code started} (null: nothing polled); stops it at once when the run is already being torn down. */
    synchronized void started(Monitor started) {
        monitor = started;
        if (stopping) {
            stopMonitor();
        }
    }

    /** Stops the monitoring polls; returns them by objective, or null when nothing was polled. Idempotent. */
    synchronized Map<String, List<Poll>> stopMonitor() {
        if (monitor != null && polls == null) {
            polls = monitor.stop();
        }
        return polls;
    }

    /** From now on, whatever starts is stopped at once (the teardown has begun). */
    synchronized void stopping() {
        stopping = true;
    }

    /** Reverts whatever fault is still on; returns what happened (none without a schedule). Idempotent. */
    synchronized Faults stopFaults() {
        if (faults == null) {
            return Faults.NONE;
        }
        if (stoppedFaults == null) {
            faults.close();
            stoppedFaults = new Faults(faults.edges(), faults.origin());
        }
        return stoppedFaults;
    }

    /** Stops sampling the services' memory and CPU; returns the samples, or null when it never ran. Idempotent. */
    synchronized ResourceSamples stopResources() {
        if (sampler != null && samples == null) {
            samples = sampler.stop();
        }
        return samples;
    }
}
