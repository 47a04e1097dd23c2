package dev.gauntlet.gate;

import dev.gauntlet.config.GateSpec;
import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.environment.RunningService;
import dev.gauntlet.probe.FaultProbes;
import dev.gauntlet.report.RunEvidence;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code security.duringFaults: true}: the authorization probes run again while each fault of the schedule is on,
 * with the load running ({@link FaultProbes}); their findings join the security results when the load ends.
 */
final class UnderFaults {
    private final FaultProbes probes;
    private boolean finished;

    private UnderFaults(FaultProbes probes) {
        this.probes = probes;
    }

    /** Watching the schedule when the file asks for it and there are faults and probes; else nothing. */
    static UnderFaults start(GateSpec spec, ContractInputs inputs, RunningService target, Supplier<Set<String>> faultsOn,
                             Consumer<String> console) {
        if (!spec.security().enabled() || !spec.security().duringFaults() || spec.faults().isEmpty()) {
            return new UnderFaults(null);
        }
        // a fault is named "<label> on <service> ..." (Running.faultsOn): those on the API itself are not probed
        Set<String> onTheApi = new java.util.HashSet<>();
        spec.faults().stream().filter(f -> f.service().equals(target.name()))
                .forEach(f -> onTheApi.add(f.label() + " on " + f.service() + " "));
        return new UnderFaults(FaultProbes.start(spec.security(), spec.contracts(), inputs, target.name(),
                target.url(), faultsOn, fault -> onTheApi.stream().anyMatch(fault::startsWith), console));
    }

    /** {@code after} with what the probes found under faults added to its security results. */
    RunEvidence finish(RunEvidence after) {
        if (probes == null || after.security() == null) {
            return after;
        }
        finished = true;
        return after.withSecurity(probes.finish(after.security()));
    }

    /** Stops watching when the load failed before {@link #finish}. */
    void stop() {
        if (probes != null && !finished) {
            probes.stop();
        }
    }
}
