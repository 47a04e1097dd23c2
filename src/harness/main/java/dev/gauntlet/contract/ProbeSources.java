package dev.gauntlet.contract;

import au.com.dius.pact.core.model.IRequest;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import au.com.dius.pact.core.model.generators.Category;
import au.com.dius.pact.core.model.generators.Generator;
import au.com.dius.pact.core.model.generators.ProviderStateGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The interactions of the contracts as the security probes use them: every HTTP interaction of the pacts for the
 * provider under test, prepared as a request template (the same machinery as {@code load.from: contracts}) with
 * its expected answer and what its provider states say about the resource it addresses.
 */
public final class ProbeSources {
    private ProbeSources() {
    }

    /**
     * One interaction, ready to be sent with fresh provider-state values.
     *
     * @param replay         consumer, interaction, operation name ({@code DELETE /orders/{id}}), states
     * @param template       its request; {@link RequestTemplate#variables()} lists the provider-state values it needs
     * @param expectedStatus the status the contract expects
     * @param requestBody    the contract's request body as JSON, or null (none, or not JSON)
     * @param expectedBody   the contract's response body as JSON, or null (none, or not JSON)
     * @param ownsResource   whether the request addresses a resource its provider state made: a provider-state value
     *                       in its path, query or body, or a path segment equal to a provider-state parameter
     * @param stateText      the provider states' names and parameter values, space-separated (who owns what: a
     *                       state such as {@code customer alice has an order} names the owner)
     * @param pending        whether the pact is pending on the Pact Broker: its probes' failures WARN, never FAIL
     */
    public record Source(Replay replay, RequestTemplate template, int expectedStatus, JsonNode requestBody,
                         JsonNode expectedBody, boolean ownsResource, String stateText, boolean pending) {
        public Source {
            Objects.requireNonNull(replay, "replay");
            Objects.requireNonNull(template, "template");
        }

        /** Whether the contract expects a 2xx answer (the owner's successful case). */
        public boolean succeeds() {
            return expectedStatus >= 200 && expectedStatus < 300;
        }

        /** The path template of the operation ({@code /orders/{id}}), without the method. */
        public String pathTemplate() {
            String op = replay.operation();
            int space = op.indexOf(' ');
            return space < 0 ? op : op.substring(space + 1);
        }

        /**
         * The values array for {@link RequestTemplate#url(Object[])} and friends, from a provider-state answer.
         *
         * @throws IllegalStateException naming the missing value
         */
        public Object[] values(Map<String, Object> state) {
            return template.withValues(state).onceValues();
        }

        /** Whether {@code state} holds every provider-state value this request needs. */
        public boolean canUse(Map<String, Object> state) {
            return state.keySet().containsAll(template.variables());
        }
    }

    /**
     * What the probes start from.
     *
     * @param sources  HTTP interactions of the provider's pacts, in pact-file order
     * @param openapi  the provider's OpenAPI document, or null (none configured, or not readable)
     * @param problems pacts that could not be read
     */
    public record Loaded(List<Source> sources, JsonNode openapi, List<String> problems) {
        public Loaded {
            sources = List.copyOf(sources);
            problems = List.copyOf(problems);
        }
    }

    /** Prepares every HTTP interaction of the run's pacts for {@code provider}, folder's and broker's. */
    public static Loaded load(ContractsSpec spec, ContractInputs inputs, String provider) {
        List<ApiOperation> document = inputs.api().operations();
        List<Source> out = new ArrayList<>();
        for (ContractPact read : inputs.contracts().forProvider(provider)) {
            Pact pact = read.pact();
            List<Interaction> interactions = pact.getInteractions();
            for (int i = 0; i < interactions.size(); i++) {
                if (!(interactions.get(i) instanceof SynchronousRequestResponse rr)) {
                    continue;
                }
                Replay replay = ContractTraffic.classify(read.consumer(), read.location(), i, interactions.get(i),
                        document, spec.stateChangePath());
                List<ProviderState> states = interactions.get(i).getProviderStates();
                RequestTemplate template = RequestTemplate.compile(replay, rr.getRequest(), states);
                out.add(new Source(replay, template, rr.getResponse().getStatus(), Exchange.json(rr.getRequest().getBody()),
                        Exchange.json(rr.getResponse().getBody()), ownsResource(rr.getRequest(), states),
                        stateText(states), read.pending()));
            }
        }
        return new Loaded(out, inputs.api().document(), inputs.contracts().problems());
    }

    /**
     * Sets a provider state up through the state-change path (a POST of {@code {"state","params","action"}}).
     *
     * @return the values the provider answered
     * @throws IllegalStateException or {@link java.io.UncheckedIOException} when it does not answer 2xx
     */
    public static Map<String, Object> setUp(HttpClient client, URI stateChange, String body) {
        return ProviderStates.setUp(client, stateChange, body);
    }

    private static String stateText(List<ProviderState> states) {
        StringBuilder out = new StringBuilder();
        for (ProviderState s : states) {
            out.append(Objects.toString(s.getName(), "")).append(' ');
            s.getParams().values().forEach(v -> out.append(v).append(' '));
        }
        return out.toString().trim();
    }

    private static boolean ownsResource(IRequest request, List<ProviderState> states) {
        for (Category c : List.of(Category.PATH, Category.QUERY, Category.BODY)) {
            for (Generator g : RequestTemplate.forProvider(request.getGenerators(), c).values()) {
                if (g instanceof ProviderStateGenerator) {
                    return true;
                }
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        states.forEach(s -> s.getParams().forEach((k, v) -> {
            if (v != null && !String.valueOf(v).isBlank()) {
                params.put(String.valueOf(v), k);
            }
        }));
        for (String segment : request.getPath().split("/")) {
            if (params.containsKey(segment)) {
                return true;
            }
        }
        return false;
    }
}
