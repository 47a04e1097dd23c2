package dev.gauntlet.contract;

import java.util.List;

/**
 * Outcome of verifying every pact for the provider.
 *
 * @param pacts        pact files verified
 * @param interactions results, one per interaction
 * @param problems     problems outside single interactions (no pacts found, unreadable file)
 */
public record ContractResults(List<String> pacts, List<InteractionResult> interactions, List<String> problems) {
    public ContractResults {
        pacts = List.copyOf(pacts);
        interactions = List.copyOf(interactions);
        problems = List.copyOf(problems);
    }

    public static ContractResults skipped() {
        return new ContractResults(List.of(), List.of(), List.of());
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
        return failed() == 0 && problems.isEmpty();
    }
}
