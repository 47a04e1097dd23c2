package dev.gauntlet.contract;

import java.util.List;

/**
 * Outcome of verifying every pact for the provider, and of the coverage and exposure checks made on the way.
 *
 * @param pacts           pact files verified
 * @param interactions    results, one per interaction
 * @param problems        problems outside single interactions (no pacts found, unreadable file, no OpenAPI
 *                        document)
 * @param coverage        operations of the OpenAPI document the contracts exercise, or null (no {@code openapi})
 * @param exposure        response fields no contract mentions and the environment does not allow, per operation
 * @param allowedExposure response fields no contract mentions that the environment allows
 * @param millis          wall time of the whole stage
 * @param published       verification results published to the Pact Broker (empty without one)
 */
public record ContractResults(List<String> pacts, List<InteractionResult> interactions, List<String> problems,
                              Coverage coverage, List<Exposure> exposure, List<AllowedExposure> allowedExposure,
                              long millis, List<BrokerPublication> published) {
    public ContractResults {
        pacts = List.copyOf(pacts);
        interactions = List.copyOf(interactions);
        problems = List.copyOf(problems);
        exposure = List.copyOf(exposure);
        allowedExposure = List.copyOf(allowedExposure);
        published = published == null ? List.of() : List.copyOf(published);
    }

    /** Results without a Pact Broker. */
    public ContractResults(List<String> pacts, List<InteractionResult> interactions, List<String> problems,
                           Coverage coverage, List<Exposure> exposure, List<AllowedExposure> allowedExposure,
                           long millis) {
        this(pacts, interactions, problems, coverage, exposure, allowedExposure, millis, List.of());
    }

    public static ContractResults skipped() {
        return new ContractResults(List.of(), List.of(), List.of(), null, List.of(), List.of(), 0);
    }

    public long passed() {
        return interactions.stream().filter(InteractionResult::passed).count();
    }

    public long failed() {
        return interactions.size() - passed();
    }

    public List<ContractFailure> failures() {
        return interactions.stream().flatMap(i -> i.failures().stream()).toList();
    }

    public boolean ok() {
        return failed() == 0 && problems.isEmpty() && exposure.isEmpty()
                && (coverage == null || coverage.uncovered().isEmpty());
    }

    /**
     * These results with the coverage table's {@code load} column filled in from the load's operation names
     * ({@code LoadResults.operations()}, e.g. {@code GET /orders/{id}}); unchanged when there is no coverage.
     */
    public ContractResults withLoad(List<String> loadOperations) {
        return coverage == null ? this : new ContractResults(pacts, interactions, problems,
                coverage.withLoad(loadOperations), exposure, allowedExposure, millis, published);
    }
}
