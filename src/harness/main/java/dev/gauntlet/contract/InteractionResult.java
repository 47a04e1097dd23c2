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
 */
public record InteractionResult(String consumer, String interaction, String providerState, String method,
                                String path, List<ContractFailure> failures, long millis) {
    public InteractionResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
