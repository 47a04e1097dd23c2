package dev.gauntlet.contract;

import java.net.URI;
import java.util.Objects;

/**
 * What a run reads from the contracts, loaded once and handed to every stage that uses it: the contract set (folder
 * and broker pacts) and the OpenAPI model.
 *
 * @param contracts every pact, each with its origin and pending flag
 * @param api       the provider's OpenAPI model ({@link ApiModel#none()} without {@code contracts.openapi})
 */
public record ContractInputs(ContractSet contracts, ApiModel api) {
    public ContractInputs {
        Objects.requireNonNull(contracts, "contracts");
        Objects.requireNonNull(api, "api");
    }

    /**
     * Reads everything {@code spec} names: the folder's pacts, the broker's (when {@code contracts.broker} is set)
     * and the OpenAPI document.
     *
     * @param provider the provider under test as pacts name it
     * @param url      the running provider (for a document it serves)
     * @throws BrokerException when the broker cannot be asked
     */
    public static ContractInputs load(ContractsSpec spec, String provider, URI url) {
        return load(spec, spec.broker() == null ? null : Broker.of(spec.broker()), provider, url);
    }

    /** As {@link #load(ContractsSpec, String, URI)} with {@code broker} (null: none) asked for its pacts. */
    public static ContractInputs load(ContractsSpec spec, Broker broker, String provider, URI url) {
        return new ContractInputs(ContractSet.load(spec, broker, provider), ApiModel.load(spec.openapi(), url));
    }
}
