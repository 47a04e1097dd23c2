package dev.gauntlet.spec;

import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.fault.FaultSpec;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.probe.SecuritySpec;
import dev.gauntlet.slo.Objective;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one gate run needs, as read from an environment file: the same value whatever surface produced it.
 *
 * @param file        the file it came from (for messages)
 * @param environment services to start
 * @param contracts   contract verification settings
 * @param load        load settings
 * @param objectives  SLOs scored against the load
 * @param faults      the fault schedule, on the load's clock
 * @param security    the security probes made from the contracts, and the identities they use
 */
public record GateSpec(Path file, EnvironmentSpec environment, ContractsSpec contracts, LoadSpec load,
                       List<Objective> objectives, List<FaultSpec> faults, SecuritySpec security) {
    public GateSpec {
        objectives = List.copyOf(objectives);
        faults = List.copyOf(faults);
        security = security == null ? SecuritySpec.defaults() : security;
    }

    /** A spec with the default security probes (on, no identities). */
    public GateSpec(Path file, EnvironmentSpec environment, ContractsSpec contracts, LoadSpec load,
                    List<Objective> objectives, List<FaultSpec> faults) {
        this(file, environment, contracts, load, objectives, faults, null);
    }
}
