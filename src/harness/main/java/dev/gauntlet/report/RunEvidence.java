package dev.gauntlet.report;

import dev.gauntlet.contract.ContractResults;
import dev.gauntlet.contract.ContractTraffic;
import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.probe.SecurityResults;
import dev.gauntlet.resource.ResourceSamples;
import dev.gauntlet.slo.ObjectiveResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one gate run has produced so far, as one immutable value: what each stage returned, gathered by the gate
 * stage after stage. {@link Reports} alone turns it into checks and a {@link Report}; because the gate publishes a new
 * value after each stage, a shutdown hook always reads a whole, consistent one.
 *
 * @param runDir      the run folder
 * @param started     when the gate started
 * @param environment the environment's name and kind, and its services once started (else none)
 * @param contracts   what the contract stage verified, or null when it did not run
 * @param security    what the security probes found, or null when they did not run
 * @param traffic     the traffic made from the contracts, or null (a simulation drives the load, or none ran)
 * @param loadPlan    the load as written ({@code LoadSpec.describe()}), or null before the load
 * @param load        what the load recorded (with the after-load checks' findings), or null before the load
 * @param objectives  scored objectives (the security probes' aside), empty before scoring
 * @param faults      the fault schedule as it happened, empty without faults or before they were reverted
 * @param loadOrigin  the load clock's start (epoch ms) the faults' offsets count from, or 0 when unknown
 * @param resources   memory and CPU sampled during the load, or null
 */
public record RunEvidence(Path runDir, Instant started, Report.EnvironmentInfo environment, ContractResults contracts,
                          SecurityResults security, ContractTraffic traffic, String loadPlan, LoadResults load,
                          List<ObjectiveResult> objectives, List<FaultEdge> faults, long loadOrigin,
                          ResourceSamples resources) {
    public RunEvidence {
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(environment, "environment");
        objectives = List.copyOf(objectives);
        faults = List.copyOf(faults);
    }

    /** The evidence of a run that has not started anything yet. */
    public static RunEvidence start(Path runDir, Instant started, String environment, String kind) {
        return new RunEvidence(runDir, started, new Report.EnvironmentInfo(environment, kind, List.of()), null, null,
                null, null, null, List.of(), List.of(), 0, null);
    }

    /** The run folder's name: the run's id. */
    public String runId() {
        return runDir.getFileName().toString();
    }

    public RunEvidence withServices(List<Report.Service> services) {
        return new RunEvidence(runDir, started, new Report.EnvironmentInfo(environment.name(), environment.kind(),
                List.copyOf(services)), contracts, security, traffic, loadPlan, load, objectives, faults, loadOrigin,
                resources);
    }

    public RunEvidence withContracts(ContractResults contracts) {
        return new RunEvidence(runDir, started, environment, contracts, security, traffic, loadPlan, load, objectives,
                faults, loadOrigin, resources);
    }

    public RunEvidence withSecurity(SecurityResults security) {
        return new RunEvidence(runDir, started, environment, contracts, security, traffic, loadPlan, load, objectives,
                faults, loadOrigin, resources);
    }

    public RunEvidence withTraffic(ContractTraffic traffic) {
        return new RunEvidence(runDir, started, environment, contracts, security, traffic, loadPlan, load, objectives,
                faults, loadOrigin, resources);
    }

    /** With what the load recorded; {@code plan} is the load as written. */
    public RunEvidence withLoad(String plan, LoadResults load) {
        return new RunEvidence(runDir, started, environment, contracts, security, traffic, plan, load, objectives,
                faults, loadOrigin, resources);
    }

    public RunEvidence withObjectives(List<ObjectiveResult> objectives) {
        return new RunEvidence(runDir, started, environment, contracts, security, traffic, loadPlan, load, objectives,
                faults, loadOrigin, resources);
    }

    /** With the faults as they happened, offsets counted from {@code origin} (epoch ms; 0 = the gate's start). */
    public RunEvidence withFaults(List<FaultEdge> faults, long origin) {
        return new RunEvidence(runDir, started, environment, contracts, security, traffic, loadPlan, load, objectives,
                faults, origin, resources);
    }

    /** With the resource samples; null keeps the ones already here. */
    public RunEvidence withResources(ResourceSamples resources) {
        return resources == null ? this : new RunEvidence(runDir, started, environment, contracts, security, traffic,
                loadPlan, load, objectives, faults, loadOrigin, resources);
    }
}
