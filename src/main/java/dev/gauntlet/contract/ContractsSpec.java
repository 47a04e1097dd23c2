package dev.gauntlet.contract;

import java.nio.file.Path;

/**
 * Where the pacts are and how the provider sets up provider states.
 *
 * @param enabled         whether the gate verifies contracts at all
 * @param folder          folder holding Pact files ({@code *.json}); every pact whose provider is the service
 *                        under test is verified
 * @param stateChangePath path on the provider that Pact posts {@code {"state","params","action"}} to, or null
 */
public record ContractsSpec(boolean enabled, Path folder, String stateChangePath) {
}
