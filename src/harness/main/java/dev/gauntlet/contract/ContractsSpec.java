package dev.gauntlet.contract;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the pacts are, how the provider sets up provider states, and what the coverage and exposure checks use.
 *
 * @param enabled         whether the gate verifies contracts at all
 * @param folder          folder holding Pact files ({@code *.json}); every pact whose provider is the service
 *                        under test is verified
 * @param stateChangePath path on the provider that Pact posts {@code {"state","params","action"}} to, or null
 * @param openapi         the provider's OpenAPI 3 document: a path on the provider ({@code /openapi.json}), or a
 *                        file as a {@code file:} URI or a relative path; null skips the coverage check (exposure
 *                        then groups by request path)
 * @param coverageIgnore  operations ({@code GET /path/{template}}) the coverage check does not count
 * @param allowExposure   response fields no contract mentions that are nevertheless allowed
 * @param broker          the Pact Broker whose pacts are verified too ({@code contracts.broker}), or null
 */
public record ContractsSpec(boolean enabled, Path folder, String stateChangePath, String openapi,
                            List<String> coverageIgnore, List<AllowedExposure> allowExposure, BrokerSpec broker) {
    public ContractsSpec {
        coverageIgnore = List.copyOf(coverageIgnore);
        allowExposure = List.copyOf(allowExposure);
    }

    /** Without a broker: the folder's pacts only. */
    public ContractsSpec(boolean enabled, Path folder, String stateChangePath, String openapi,
                         List<String> coverageIgnore, List<AllowedExposure> allowExposure) {
        this(enabled, folder, stateChangePath, openapi, coverageIgnore, allowExposure, null);
    }

    /** Verification only: no coverage check, no exposure allowances. */
    public ContractsSpec(boolean enabled, Path folder, String stateChangePath) {
        this(enabled, folder, stateChangePath, null, List.of(), List.of());
    }
}
