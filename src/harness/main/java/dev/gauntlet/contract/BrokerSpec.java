package dev.gauntlet.contract;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where the Pact Broker is and what to ask it ({@code contracts.broker} in the environment file). Credentials are
 * the NAMES of environment variables, never their values; {@code providerVersion} and {@code providerBranch} may
 * hold {@code ${VARIABLE}} placeholders filled from the environment when the broker is called (e.g.
 * {@code ${GIT_COMMIT}}).
 *
 * @param url                  the broker's base URL (its HAL index)
 * @param tokenVariable        variable holding a bearer token, or null
 * @param usernameVariable     variable holding the basic-auth user name, or null
 * @param passwordVariable     variable holding the basic-auth password, or null
 * @param selectors            consumer version selectors, each the JSON object the broker documents
 *                             ({@code {"mainBranch":true}}, {@code {"branch":"x"}}, {@code {"deployedOrReleased":true}})
 * @param enablePending        ask the broker which pacts are pending: a pending pact's failure WARNs, never FAILs
 * @param includeWipPactsSince with pending: also verify work-in-progress pacts published since this date, or null
 * @param providerVersion      the provider version the results are published for (template), or null
 * @param providerBranch       the provider's branch (template), or null
 * @param publishResults       publish each broker pact's verification result to the broker
 */
public record BrokerSpec(URI url, String tokenVariable, String usernameVariable, String passwordVariable,
                         List<Map<String, Object>> selectors, boolean enablePending, String includeWipPactsSince,
                         String providerVersion, String providerBranch, boolean publishResults) {
    /** The selectors used when the file names none: the main branch and what is deployed or released. */
    public static final List<Map<String, Object>> DEFAULT_SELECTORS = List.of(Map.of("mainBranch", true),
            Map.of("deployedOrReleased", true));

    public BrokerSpec {
        selectors = selectors.stream().map(Map::copyOf).toList();
    }
}
