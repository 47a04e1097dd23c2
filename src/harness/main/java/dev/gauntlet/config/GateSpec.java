package dev.gauntlet.config;

import dev.gauntlet.conformance.ConformanceSpec;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.durability.DurabilitySpec;
import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.fault.FaultSpec;
import dev.gauntlet.history.HistorySpec;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.probe.SecuritySpec;
import dev.gauntlet.prometheus.PrometheusSpec;
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
 * @param durability  the read-back of acknowledged writes after the load
 * @param conformance the matching of sampled load answers against the contracts
 * @param security    the security probes made from the contracts, and the identities they use
 * @param origins     which file wrote each field (a file that {@code extends} another writes only some)
 * @param prometheus  the export of the run's figures to a Prometheus Pushgateway ({@link PrometheusSpec#OFF}: none)
 * @param pending     by objective name: passing runs before its FAIL counts ({@code pending: N}); empty when none
 * @param history     the run history ({@code history:}) and how regressions are judged, or null: no history
 */
public record GateSpec(Path file, EnvironmentSpec environment, ContractsSpec contracts, LoadSpec load,
                       List<Objective> objectives, List<FaultSpec> faults, DurabilitySpec durability,
                       ConformanceSpec conformance, SecuritySpec security, Origins origins,
                       PrometheusSpec prometheus, java.util.Map<String, Integer> pending,
                       HistorySpec history) {
    public GateSpec {
        pending = pending == null ? java.util.Map.of() : java.util.Map.copyOf(pending);
        objectives = List.copyOf(objectives);
        faults = List.copyOf(faults);
        Path only = file;
        origins = origins == null ? field -> only : origins;
        security = security == null ? SecuritySpec.defaults() : security;
        prometheus = prometheus == null ? PrometheusSpec.OFF : prometheus;
    }

    /** Without a Prometheus export, pending objectives or a history. */
    public GateSpec(Path file, EnvironmentSpec environment, ContractsSpec contracts, LoadSpec load,
                    List<Objective> objectives, List<FaultSpec> faults, DurabilitySpec durability,
                    ConformanceSpec conformance, SecuritySpec security, Origins origins) {
        this(file, environment, contracts, load, objectives, faults, durability, conformance, security, origins, null,
                null, null);
    }

    /** A mistake found after reading, in the field at {@code path} ({@code objectives[2].phase}): exit 2. */
    public ConfigException error(String path, String problem) {
        return new ConfigException(origins.fileOf(path), path, problem);
    }

    /** Which file wrote a field. */
    @FunctionalInterface
    public interface Origins {
        /** The file that wrote the field at {@code path} (dotted, with {@code [N]} for list items). */
        Path fileOf(String path);
    }

    /** No pending objectives, no history. */
    public GateSpec(Path file, EnvironmentSpec environment, ContractsSpec contracts, LoadSpec load,
                    List<Objective> objectives, List<FaultSpec> faults, DurabilitySpec durability,
                    ConformanceSpec conformance, SecuritySpec security, Origins origins, PrometheusSpec prometheus) {
        this(file, environment, contracts, load, objectives, faults, durability, conformance, security, origins,
                prometheus, null, null);
    }

    /** Every field written in {@code file}, with the default durability, conformance and security checks. */
    public GateSpec(Path file, EnvironmentSpec environment, ContractsSpec contracts, LoadSpec load,
                    List<Objective> objectives, List<FaultSpec> faults) {
        this(file, environment, contracts, load, objectives, faults, DurabilitySpec.DEFAULT, ConformanceSpec.DEFAULT,
                null, null);
    }
}
