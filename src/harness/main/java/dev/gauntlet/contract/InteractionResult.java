package dev.gauntlet.contract;

import java.util.List;

/**
 * The verification of one interaction.
 *
 * @param consumer      consumer name
 * @param interaction   interaction description
 * @param providerState provider state(s), or empty
 * @param method        request method
 * @param path          request path as sent
 * @param failures      empty when it passed
 * @param millis        how long it took
 * @param pending       whether it belongs to a pact the Pact Broker marked pending: its failure WARNs, never FAILs
 */
public record InteractionResult(String consumer, String interaction, String providerState, String method,
                                String path, List<ContractFailure> failures, long millis, boolean pending) {
    public InteractionResult {
        failures = List.copyOf(failures);
    }

    /** The result of an interaction of a pact that is not pending. */
    public InteractionResult(String consumer, String interaction, String providerState, String method, String path,
                             List<ContractFailure> failures, long millis) {
        this(consumer, interaction, providerState, method, path, failures, millis, false);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
