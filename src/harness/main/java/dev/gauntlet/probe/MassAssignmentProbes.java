package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.contract.ProbeSources;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * OWASP API3 (mass assignment): a write that succeeds in the contracts is sent again with one property the
 * response has but no request of that operation sends ({@code status}, {@code id}, {@code totalCents}, an owner …),
 * set to a value the API would not have chosen. The API may refuse it (4xx) or ignore it; what it stores — read back
 * through the {@code Location} it answers, or (PUT, PATCH) the contracts' read of the same path, else its answer —
 * must not hold that value.
 */
final class MassAssignmentProbes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

    private MassAssignmentProbes() {
    }

    static void run(ProbeContext ctx) {
        Set<String> done = new HashSet<>();
        for (ProbeSources.Source s : ctx.sources) {
            if (!s.succeeds() || !WRITES.contains(s.template().method()) || s.requestBody() == null
                    || !s.requestBody().isObject() || s.expectedBody() == null || !s.expectedBody().isObject()) {
                continue;
            }
            Set<String> sent = sentFields(ctx, s.replay().operation());
            s.expectedBody().fields().forEachRemaining(e -> {
                if (!sent.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()
                        && done.add(s.replay().operation() + " " + e.getKey())) {
                    probe(ctx, s, e.getKey());
                }
            });
        }
    }

    /**
     * The interaction as sent unchanged on a fresh resource (what the API stores without the probe), and a second
     * fresh state for the probe itself.
     */
    record Controlled(Reply control, Map<String, Object> state) {
    }

    /** Admits one probe of {@code kind} and makes its control and state; null when cut or a state failed (noted). */
    static Controlled controlled(ProbeContext ctx, ProbeKind kind, ProbeSources.Source s) {
        if (!ctx.admit(kind)) {
            return null;
        }
        try {
            Reply control = ctx.http.send(ctx.call(s, ctx.freshState(s)));
            return new Controlled(control, ctx.freshState(s));
        } catch (RuntimeException e) {
            ctx.note(kind.title() + " probes of " + s.replay().name() + " skipped: " + e.getMessage());
            return null;
        }
    }

    /** Every top-level field some request of the operation sends. */
    private static Set<String> sentFields(ProbeContext ctx, String operation) {
        Set<String> out = new LinkedHashSet<>();
        ctx.sources.stream().filter(s -> s.replay().operation().equals(operation) && s.requestBody() != null)
                .forEach(s -> s.requestBody().fieldNames().forEachRemaining(out::add));
        return out;
    }

    private static void probe(ProbeContext ctx, ProbeSources.Source s, String field) {
        Controlled c = controlled(ctx, ProbeKind.MASS_ASSIGNMENT, s);
        if (c == null) {
            return;
        }
        Reply control = c.control();
        Map<String, Object> state = c.state();
        JsonNode controlValue = control.is2xx() && control.json() != null ? control.json().get(field) : null;
        if (controlValue == null) {
            controlValue = s.expectedBody().get(field);
        }
        Call original = ctx.call(s, state);
        JsonNode injected = injected(ctx, field, controlValue, original);
        ObjectNode body = ((ObjectNode) s.requestBody()).deepCopy();
        JsonNode realBody = original.body() == null ? null : parse(original.body());
        if (realBody instanceof ObjectNode real) {
            body = real;
        }
        body.set(field, injected);
        Call call = original.withBody(body.toString());
        Reply reply = ctx.http.send(call);
        String what = "undeclared $." + field + " = " + injected;
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("the same request without it", control.describe() + (controlValue == null ? ""
                : ", $." + field + " = " + controlValue));
        String reason;
        boolean passed;
        if (reply.is5xx() || reply.status() == 0) {
            passed = false;
            reason = "an undeclared property must be ignored or refused with a 4xx, but it was answered " + reply.describe();
        } else if (!reply.is2xx()) {
            passed = true;
            reason = "refused with " + reply.status();
        } else {
            Reply stored = readBack(ctx, s, state, original, reply);
            JsonNode storedValue;
            if (stored != null && stored.is2xx() && stored.json() != null) {
                evidence.put("read back", stored.describe() + " " + Reply.excerpt(stored.body()));
                storedValue = stored.json().get(field);
            } else {
                evidence.put("read back", "not possible (no Location answered, and no read of " + s.pathTemplate()
                        + " in the contracts for a PUT or PATCH): judged by the answer");
                storedValue = reply.json() == null ? null : reply.json().get(field);
            }
            passed = !injected.equals(storedValue);
            reason = passed ? "accepted with " + reply.status() + "; $." + field + " is "
                    + (storedValue == null ? "absent" : storedValue.toString()) + ", not the value sent"
                    : "accepted with " + reply.status() + " and stored the undeclared $." + field + " = " + storedValue
                    + " from the request body (without it: " + controlValue + ")";
        }
        ctx.record(ctx.result(ProbeKind.MASS_ASSIGNMENT, s, what, passed, reason, call, reply, evidence));
    }

    /** What was stored: the {@code Location} answered, else the contracts' read of the same path, as the owner. */
    static Reply readBack(ProbeContext ctx, ProbeSources.Source s, Map<String, Object> state, Call original,
                                  Reply reply) {
        Map<String, String> credentials = ctx.credentials(original);
        String location = reply.headers().get("location");
        if (location != null && !location.isBlank()) {
            URI uri = original.uri().resolve(location.trim());
            if (Objects.equals(uri.getHost(), original.uri().getHost()) && uri.getPort() == original.uri().getPort()) {
                Map<String, String> headers = new LinkedHashMap<>(credentials);
                headers.put("Accept", "application/json");
                return ctx.http.send(new Call("GET", uri, headers, null));
            }
        }
        if (s.template().method().equals("POST")) {
            return null; // a POST's path is the collection; without a Location the answer is all there is
        }
        for (ProbeSources.Source r : ctx.readers(s.pathTemplate())) {
            if (r.canUse(state)) {
                return ctx.http.send(ctx.call(r, state).with(credentials));
            }
        }
        return null;
    }

    /** A value the API would not choose itself: another of the field's enum values, another identity, … */
    private static JsonNode injected(ProbeContext ctx, String field, JsonNode control, Call original) {
        if (control == null || control.isTextual()) {
            String current = control == null ? "" : control.asText();
            Optional<String> other = enumValues(ctx.openapi, field, current).stream().filter(v -> !v.equals(current)).findFirst();
            if (other.isPresent()) {
                return JSON.getNodeFactory().textNode(other.get());
            }
            Optional<Identity> owner = ctx.identityOf(original);
            if (owner.isPresent() && owner.get().name().equals(current)) {
                Optional<Identity> second = ctx.secondIdentity(original, "");
                if (second.isPresent()) {
                    return JSON.getNodeFactory().textNode(second.get().name());
                }
            }
            if (current.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                return JSON.getNodeFactory().textNode("2001-01-01T00:00:00Z");
            }
            return JSON.getNodeFactory().textNode("gauntlet-assigned-" + field);
        }
        if (control.isIntegralNumber()) {
            return JSON.getNodeFactory().numberNode(control.asLong() == 1 ? 2 : 1);
        }
        if (control.isNumber()) {
            return JSON.getNodeFactory().numberNode(control.asDouble() == 0.01 ? 0.02 : 0.01);
        }
        if (control.isBoolean()) {
            return JSON.getNodeFactory().booleanNode(!control.asBoolean());
        }
        return JSON.getNodeFactory().textNode("gauntlet-assigned-" + field);
    }

    /**
     * The values of an {@code enum} the OpenAPI document declares for a property named {@code field} that also holds
     * {@code current} (so a {@code status} of orders is not mistaken for the {@code status} of a health check).
     */
    static List<String> enumValues(JsonNode doc, String field, String current) {
        List<List<String>> enums = new java.util.ArrayList<>();
        collect(doc, field, enums);
        return enums.stream().filter(e -> e.contains(current)).findFirst().orElse(List.of());
    }

    private static void collect(JsonNode node, String field, List<List<String>> out) {
        if (node == null || !node.isContainerNode()) {
            return;
        }
        JsonNode property = node.path("properties").path(field);
        if (property.path("enum").isArray()) {
            List<String> values = new java.util.ArrayList<>();
            property.path("enum").forEach(v -> values.add(v.asText()));
            out.add(values);
        }
        node.elements().forEachRemaining(n -> collect(n, field, out));
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
