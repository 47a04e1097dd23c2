package dev.gauntlet.probe;

import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.contract.ProbeSources;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The security probes, run after the contracts stage and before the load: from every interaction of the contracts
 * and its provider state, the OpenAPI document and {@code identities:}, with nothing more written by users — one
 * kind per {@link ProbeKind}. Each probe sets its provider states up afresh, so probes
 * do not disturb each other; the probes are bounded in count and time and only reach the provider on loopback.
 */
public final class SecurityStage {
    private SecurityStage() {
    }

    /** The probes of one kind. */
    static java.util.function.Consumer<ProbeContext> probes(ProbeKind kind) {
        return switch (kind) {
            case AUTHENTICATION -> AuthenticationProbes::run;
            case BOLA -> BolaProbes::run;
            case VALIDATION -> ValidationProbes::run;
            case MASS_ASSIGNMENT -> MassAssignmentProbes::run;
            case LIST_AUTHORIZATION -> ListAuthorizationProbes::run;
            case TOKENS -> TokenProbes::run;
            case FUNCTION_AUTHORIZATION -> FunctionAuthorizationProbes::run;
            case NESTED_MASS_ASSIGNMENT -> NestedMassAssignmentProbes::run;
            case PARAMETER_INJECTION -> ParameterInjectionProbes::run;
            case MISCONFIGURATION -> MisconfigurationProbes::run;
            case INVENTORY -> InventoryProbes::run;
            case RESOURCE_LIMITS -> ResourceLimitProbes::run;
        };
    }

    /**
     * Probes {@code provider} with requests made from the run's contracts.
     *
     * @param spec      which probes, identities and bounds
     * @param contracts the state-change path
     * @param inputs    the run's pacts (folder and broker) and OpenAPI model: every interaction is probed; a probe
     *                  of a pending pact that fails WARNs
     * @param provider  the provider under test as the pacts name it
     * @param url       the running provider (loopback)
     */
    public static SecurityResults run(SecuritySpec spec, ContractsSpec contracts, ContractInputs inputs,
                                      String provider, URI url) {
        long t0 = System.nanoTime();
        try {
            ProbeHttp.requireLoopback(url);
        } catch (IllegalArgumentException e) {
            return SecurityResults.of(spec, List.of(), Map.of(), List.of(e.getMessage()), 0, 0);
        }
        ProbeContext ctx = new ProbeContext(spec, ProbeSources.load(contracts, inputs, provider), url,
                contracts.stateChangePath());
        try {
            for (ProbeKind kind : ProbeKind.values()) {
                if (spec.runs(kind)) {
                    probes(kind).accept(ctx);
                }
            }
        } finally {
            ctx.http.close();
        }
        SecurityResults results = SecurityResults.of(spec, ctx.results(), ctx.cut(), ctx.notes(), ctx.http.requests(),
                (System.nanoTime() - t0) / 1_000_000);
        return spec.baseline() == null ? results
                : spec.baseline().apply(results, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }
}
