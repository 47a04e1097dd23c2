package dev.gauntlet.contract;

import au.com.dius.pact.core.model.Pact;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The contracts stage's part for a Pact Broker: fetch the pacts it selects for the provider, verify each like a
 * folder's pact (the caller's verifier), and publish each result when {@code publishResults} is set.
 */
final class BrokerPacts {
    private BrokerPacts() {
    }

    /** Verifies every interaction of one pact; {@code pending} marks its results. */
    @FunctionalInterface
    interface Verifier {
        List<InteractionResult> verify(Pact pact, boolean pending);
    }

    /**
     * Adds the broker's pacts to {@code verified} (as their URLs), their results to {@code results}, a problem when
     * the broker selects none, and what was published to {@code published}.
     *
     * @throws BrokerException when the broker cannot be asked (unreachable, credentials refused, not a broker)
     */
    static void verify(Broker broker, String provider, Verifier verifier, List<String> verified,
                       List<InteractionResult> results, List<String> problems, List<BrokerPublication> published) {
        List<Broker.BrokerPact> pacts = broker.pactsFor(provider);
        if (pacts.isEmpty()) {
            problems.add("the Pact Broker at " + broker.spec().url() + " has no pacts for provider '" + provider
                    + "' with the selectors " + selectors(broker.spec()) + " (check the provider name and "
                    + "contracts.broker.selectors)");
        }
        for (Broker.BrokerPact pact : pacts) {
            if (!provider.equals(pact.pact().getProvider().getName())) {
                problems.add("the Pact Broker sent " + pact.url() + " for provider '" + provider + "', but it is a pact "
                        + "for '" + pact.pact().getProvider().getName() + "'");
                continue;
            }
            verified.add(pact.url() + (pact.pending() ? " (pending" + (pact.wip() ? ", work in progress)" : ")") : ""));
            List<InteractionResult> own = verifier.verify(pact.pact(), pact.pending());
            results.addAll(own);
            if (broker.spec().publishResults()) {
                published.add(broker.publish(pact, provider, own));
            }
        }
    }

    private static String selectors(BrokerSpec spec) {
        List<Map<String, Object>> s = spec.selectors().isEmpty() ? BrokerSpec.DEFAULT_SELECTORS : spec.selectors();
        return s.stream().map(Map::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
