package dev.gauntlet.contract;

import au.com.dius.pact.core.matchers.BodyMismatch;
import au.com.dius.pact.core.matchers.HeaderMismatch;
import au.com.dius.pact.core.matchers.Mismatch;
import au.com.dius.pact.core.matchers.ResponseMatching;
import au.com.dius.pact.core.model.ContentType;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.OptionalBody;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.Response;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import au.com.dius.pact.core.model.generators.Generators;
import au.com.dius.pact.core.model.matchingrules.MatchingRulesImpl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the contracts say the provider answers, by operation and status, for checks on live traffic: whether an
 * answer seen under load still matches every consumer's expectation for that operation and status (with Pact's own
 * matching), and which operation the contracts use to read a resource back.
 */
public final class ContractResponses {
    private final List<Expected> expected;
    private final Set<String> operations;

    /** One interaction's expected answer, with the operation its request belongs to. */
    private record Expected(String consumer, String interaction, Pact pact, SynchronousRequestResponse rr,
                            String operation, String key, int status, boolean pending) {
    }

    /**
     * A consumer's expectation that an answer broke: who expects it and Pact's mismatch descriptions; {@code pending}
     * when the Pact Broker marks the consumer's pact pending (the breach WARNs, never FAILs).
     */
    public record Breach(String consumer, String interaction, List<String> mismatches, boolean pending) {
        public Breach {
            mismatches = List.copyOf(mismatches);
        }
    }

    private ContractResponses(List<Expected> expected) {
        this.expected = List.copyOf(expected);
        Set<String> ops = new LinkedHashSet<>();
        expected.forEach(e -> ops.add(e.operation()));
        this.operations = Set.copyOf(ops);
    }

    /**
     * Every HTTP interaction of the run's pacts (folder and broker) whose provider is {@code provider}; operations
     * are named by the OpenAPI model's templates when there is one (as coverage names them).
     */
    public static ContractResponses of(ContractInputs inputs, String provider) {
        List<ApiOperation> document = inputs.api().operations();
        List<Expected> out = new ArrayList<>();
        for (ContractPact read : inputs.contracts().forProvider(provider)) {
            Pact pact = read.pact();
            List<Interaction> interactions = pact.getInteractions();
            for (int i = 0; i < interactions.size(); i++) {
                if (interactions.get(i) instanceof SynchronousRequestResponse rr) {
                    String method = rr.getRequest().getMethod().toUpperCase(Locale.ROOT);
                    String op = ContractTraffic.operation(method, rr.getRequest(),
                            interactions.get(i).getProviderStates(), document);
                    out.add(new Expected(read.consumer(), interactions.get(i).getDescription(), pact, rr, op,
                            PathTemplates.key(op), rr.getResponse().getStatus(), read.pending()));
                }
            }
        }
        return new ContractResponses(out);
    }

    /** Whether there are no HTTP interactions for the provider at all. */
    public boolean isEmpty() {
        return expected.isEmpty();
    }

    /** The operations the contracts exercise ({@code GET /orders/{id}}). */
    public Set<String> operations() {
        return operations;
    }

    /**
     * The header names (lower case) that the interactions of {@code operation} expecting {@code status} declare, with
     * {@code content-type} (it says how the body is read): the only headers Pact's matching looks at.
     */
    public Set<String> expectedHeaders(String operation, int status) {
        Set<String> names = new java.util.HashSet<>();
        names.add("content-type");
        for (Expected e : expected) {
            if (e.status() == status && same(operation, e)) {
                e.rr().getResponse().getHeaders().keySet().forEach(k -> names.add(k.toLowerCase(Locale.ROOT)));
            }
        }
        return names;
    }

    /** Whether some interaction of {@code operation} (any spelling of its template) expects {@code status}. */
    public boolean expects(String operation, int status) {
        return expected.stream().anyMatch(e -> e.status() == status && same(operation, e));
    }

    /** Same operation: same template (names aside), or the interaction's path is an instance of the load's template. */
    private static boolean same(String operation, Expected e) {
        return e.key().equals(PathTemplates.key(operation)) || PathTemplates.sameOperation(operation, e.operation());
    }

    /**
     * Matches an answer against every interaction of {@code operation} that expects {@code status}, with Pact's
     * response matching (unexpected fields allowed, as in provider verification).
     *
     * <p>One rule is relaxed: a minimum array size is the example of the interaction's provider state ("customer
     * alice has an order"), not a promise about every answer, so an array with fewer items than the minimum is not a
     * breach; the items an answer has are still matched.
     *
     * @param headers the answer's headers (first value each)
     * @param body    the answer's body, or null for none
     * @return one breach per interaction whose expectation the answer breaks (empty: conforms)
     */
    public List<Breach> breaches(String operation, int status, Map<String, String> headers, String body) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        String contentType = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        OptionalBody actualBody = body == null || body.isEmpty() ? OptionalBody.missing()
                : OptionalBody.body(body.getBytes(StandardCharsets.UTF_8),
                        contentType == null ? ContentType.getJSON() : new ContentType(contentType));
        Response actual = new Response(status, h, actualBody, new MatchingRulesImpl(), new Generators());
        List<Breach> out = new ArrayList<>();
        for (Expected e : expected) {
            if (e.status() != status || !same(operation, e)) {
                continue;
            }
            List<String> mismatches = new ArrayList<>();
            for (Mismatch m : ResponseMatching.responseMismatches(e.pact(), e.rr(), actual)) {
                if (m instanceof BodyMismatch b && b.getMismatch() != null
                        && b.getMismatch().contains("minimum size")) {
                    continue;
                }
                mismatches.add(describe(m));
            }
            if (!mismatches.isEmpty()) {
                out.add(new Breach(e.consumer(), e.interaction(), mismatches, e.pending()));
            }
        }
        return out;
    }

    private static String describe(Mismatch m) {
        if (m instanceof BodyMismatch b) {
            return "body " + b.getPath() + ": " + b.getMismatch();
        }
        if (m instanceof HeaderMismatch h) {
            return "header " + h.getHeaderKey() + ": " + h.getMismatch();
        }
        return m.description();
    }

    /**
     * The GET operation of the contracts that reads the resource at {@code path} (a concrete path such as
     * {@code /orders/ord-17}), or empty when no interaction reads such a resource.
     */
    public Optional<String> readOperation(String path) {
        String best = null;
        for (Expected e : expected) {
            String[] mt = e.operation().split(" ", 2);
            if (mt.length == 2 && mt[0].equals("GET") && PathTemplates.matches(mt[1], path)
                    && (best == null || PathTemplates.parameters(mt[1]) < PathTemplates.parameters(best))) {
                best = mt[1];
            }
        }
        return Optional.ofNullable(best).map(t -> "GET " + t);
    }

    /**
     * The template of the item a write on {@code collection} creates, from the contracts' reads: for
     * {@code /orders}, {@code /orders/{id}} when some interaction reads {@code GET /orders/{id}}.
     */
    public Optional<String> itemTemplate(String collection) {
        String base = collection.endsWith("/") ? collection : collection + "/";
        for (Expected e : expected) {
            String[] mt = e.operation().split(" ", 2);
            if (mt.length == 2 && mt[0].equals("GET") && mt[1].startsWith(base)) {
                String rest = mt[1].substring(base.length());
                if (rest.startsWith("{") && rest.endsWith("}") && rest.indexOf('/') < 0) {
                    return Optional.of(mt[1]);
                }
            }
        }
        return Optional.empty();
    }
}
