package dev.gauntlet.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Pact Broker's part of the run's contract set: the pacts it selects for the provider, each with its pending
 * flag; a broker that selects none, or sends a pact for another provider, is a problem of the set.
 */
final class BrokerPacts {
    private BrokerPacts() {
    }

    /**
     * The pacts {@code broker} selects for {@code provider}; what is wrong with its answer goes to {@code problems}.
     *
     * @throws BrokerException when the broker cannot be asked (unreachable, credentials refused, not a broker)
     */
    static List<ContractPact> fetch(Broker broker, String provider, List<String> problems) {
        List<Broker.BrokerPact> pacts = broker.pactsFor(provider);
        if (pacts.isEmpty()) {
            problems.add("the Pact Broker at " + broker.spec().url() + " has no pacts for provider '" + provider
                    + "' with the selectors " + selectors(broker.spec()) + " (check the provider name and "
                    + "contracts.broker.selectors)");
        }
        List<ContractPact> out = new ArrayList<>();
        for (Broker.BrokerPact pact : pacts) {
            if (!provider.equals(pact.pact().getProvider().getName())) {
                problems.add("the Pact Broker sent " + pact.url() + " for provider '" + provider + "', but it is a pact "
                        + "for '" + pact.pact().getProvider().getName() + "'");
                continue;
            }
            out.add(ContractPact.broker(pact));
        }
        return out;
    }

    private static String selectors(BrokerSpec spec) {
        List<Map<String, Object>> s = spec.selectors().isEmpty() ? BrokerSpec.DEFAULT_SELECTORS : spec.selectors();
        return s.stream().map(Map::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
