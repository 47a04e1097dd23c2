package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.contract.ProbeSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * OWASP API3 below the top level: a write that succeeds in the contracts is sent again with one nested property
 * ({@code address.verified}, {@code items[].price}) that its answer has — in the contract's expected body or the
 * document's 2xx schema — but that no request of the operation sends and the document's request schema does not
 * declare writable. The parent object is the request's own, or made from the request schema's examples; an array's
 * elements each get the property. What is stored, read back as for top-level mass assignment, must not hold the
 * value sent.
 */
final class NestedMassAssignmentProbes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");
    private static final int MAX_DEPTH = 4;

    private NestedMassAssignmentProbes() {
    }

    static void run(ProbeContext ctx) {
        Set<String> done = new LinkedHashSet<>();
        for (ProbeSources.Source s : ctx.sources) {
            if (!s.succeeds() || !WRITES.contains(s.template().method()) || !(s.requestBody() instanceof ObjectNode)) {
                continue;
            }
            String method = s.template().method();
            Map<String, JsonNode> candidates = new LinkedHashMap<>();
            if (s.expectedBody() != null) {
                leaves(s.expectedBody(), "", 0, candidates);
            }
            for (JsonNode schema : ctx.api.responseSchemas(method, s.pathTemplate())) {
                schemaLeaves(ctx.api, schema, "", 0, candidates);
            }
            JsonNode requestSchema = ctx.api.requestSchema(method, s.pathTemplate());
            for (Map.Entry<String, JsonNode> c : candidates.entrySet()) {
                String path = c.getKey();
                if (path.indexOf('.') < 0 || sent(ctx, s.replay().operation(), path)
                        || writable(ctx.api, requestSchema, path)
                        || !done.add(s.replay().operation() + " " + path)) {
                    continue;
                }
                probe(ctx, s, path, c.getValue(), requestSchema);
            }
        }
    }

    /** Leaf paths of a JSON value ({@code address.verified}, {@code items[].price}) to an example value. */
    private static void leaves(JsonNode node, String path, int depth, Map<String, JsonNode> out) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), join(path, e.getKey()), depth + 1, out));
        } else if (node.isArray() && node.size() > 0 && node.get(0).isObject()) {
            leaves(node.get(0), path + "[]", depth, out);
        } else if (node.isValueNode() && !node.isNull() && !path.isEmpty()) {
            out.putIfAbsent(path, node);
        }
    }

    /** Leaf paths a schema declares, to an example value of their type. */
    private static void schemaLeaves(OpenApi api, JsonNode schema, String path, int depth, Map<String, JsonNode> out) {
        JsonNode s = api.resolve(schema);
        if (depth > MAX_DEPTH) {
            return;
        }
        List<JsonNode> parts = new ArrayList<>(List.of(s));
        for (String combiner : List.of("allOf", "oneOf", "anyOf")) {
            s.path(combiner).forEach(parts::add);
        }
        for (JsonNode part : parts) {
            api.resolve(part).path("properties").fields().forEachRemaining(e -> schemaLeaves(api, e.getValue(),
                    join(path, e.getKey()), depth + 1, out));
        }
        if (s.path("type").asText().equals("array")) {
            schemaLeaves(api, s.path("items"), path + "[]", depth, out);
        }
        String type = s.path("type").asText();
        if (!path.isEmpty() && !path.endsWith("[]") && Set.of("string", "integer", "number", "boolean").contains(type)) {
            JsonNode example = s.has("example") ? s.get("example") : s.path("enum").path(0);
            out.putIfAbsent(path, example.isMissingNode() ? typed(type) : example);
        }
    }

    private static JsonNode typed(String type) {
        return switch (type) {
            case "boolean" -> JSON.getNodeFactory().booleanNode(false);
            case "integer", "number" -> JSON.getNodeFactory().numberNode(0);
            default -> JSON.getNodeFactory().textNode("");
        };
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Whether some request of the operation sends {@code path}. */
    private static boolean sent(ProbeContext ctx, String operation, String path) {
        return ctx.sources.stream().filter(s -> s.replay().operation().equals(operation) && s.requestBody() != null)
                .anyMatch(s -> !at(s.requestBody(), path).isEmpty());
    }

    /** Whether the request schema declares {@code path} and does not mark it read-only. */
    private static boolean writable(OpenApi api, JsonNode requestSchema, String path) {
        JsonNode s = requestSchema;
        for (String step : path.split("\\.")) {
            boolean array = step.endsWith("[]");
            s = api.property(s, array ? step.substring(0, step.length() - 2) : step);
            if (s.isMissingNode()) {
                return false;
            }
            if (array) {
                s = api.resolve(s.path("items"));
            }
        }
        return !s.path("readOnly").asBoolean(false);
    }

    /** The values at {@code path} (every element of an array step). */
    static List<JsonNode> at(JsonNode root, String path) {
        List<JsonNode> current = new ArrayList<>();
        if (root != null) {
            current.add(root);
        }
        for (String step : path.split("\\.")) {
            boolean array = step.endsWith("[]");
            String name = array ? step.substring(0, step.length() - 2) : step;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                JsonNode child = n.get(name);
                if (child == null || child.isNull()) {
                    continue;
                }
                if (array) {
                    child.forEach(next::add);
                } else {
                    next.add(child);
                }
            }
            current = next;
        }
        return current;
    }

    private static void probe(ProbeContext ctx, ProbeSources.Source s, String path, JsonNode example,
                              JsonNode requestSchema) {
        MassAssignmentProbes.Controlled c = MassAssignmentProbes.controlled(ctx, ProbeKind.NESTED_MASS_ASSIGNMENT, s);
        if (c == null) {
            return;
        }
        Reply control = c.control();
        Map<String, Object> state = c.state();
        List<JsonNode> controlValues = control.is2xx() ? at(control.json(), path) : List.of();
        JsonNode controlValue = controlValues.isEmpty() ? example : controlValues.get(0);
        JsonNode injected = injected(ctx, path, controlValue);
        Call original = ctx.call(s, state);
        ObjectNode body;
        try {
            body = (ObjectNode) JSON.readTree(original.body());
        } catch (java.io.IOException | ClassCastException e) {
            return;
        }
        set(ctx.api, body, requestSchema, path.split("\\."), 0, injected);
        Call call = original.withBody(body.toString());
        Reply reply = ctx.http.send(call);
        String what = "undeclared $." + path + " = " + injected;
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("the same request without it", control.describe() + ", $." + path + " = "
                + (controlValues.isEmpty() ? "(absent)" : controlValues.toString()));
        boolean passed;
        String reason;
        if (reply.is5xx() || reply.status() == 0) {
            passed = false;
            reason = "an undeclared property must be ignored or refused with a 4xx, but it was answered " + reply.describe();
        } else if (!reply.is2xx()) {
            passed = true;
            reason = "refused with " + reply.status();
        } else {
            Reply stored = MassAssignmentProbes.readBack(ctx, s, state, original, reply);
            List<JsonNode> storedValues;
            if (stored != null && stored.is2xx() && stored.json() != null) {
                evidence.put("read back", stored.describe() + " " + Reply.excerpt(stored.body()));
                storedValues = at(stored.json(), path);
            } else {
                evidence.put("read back", "not possible: judged by the answer");
                storedValues = at(reply.json(), path);
            }
            passed = storedValues.stream().noneMatch(v -> Objects.equals(v, injected));
            reason = passed ? "accepted with " + reply.status() + "; $." + path + " is "
                    + (storedValues.isEmpty() ? "absent" : storedValues.toString()) + ", not the value sent"
                    : "accepted with " + reply.status() + " and stored the undeclared $." + path + " = " + injected
                    + " from the request body (without it: " + (controlValues.isEmpty() ? "absent" : controlValues) + ")";
        }
        ctx.record(ctx.result(ProbeKind.NESTED_MASS_ASSIGNMENT, s, what, passed, reason, call, reply, evidence));
    }

    /** A value the API would not choose: the other boolean, another enum value, another number, a marked string. */
    private static JsonNode injected(ProbeContext ctx, String path, JsonNode control) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        if (control == null || control.isNull()) {
            return JSON.getNodeFactory().textNode("gauntlet-assigned-" + leaf);
        }
        if (control.isBoolean()) {
            return JSON.getNodeFactory().booleanNode(!control.asBoolean());
        }
        if (control.isIntegralNumber()) {
            return JSON.getNodeFactory().numberNode(control.asLong() == 1 ? 2 : 1);
        }
        if (control.isNumber()) {
            return JSON.getNodeFactory().numberNode(control.asDouble() == 0.01 ? 0.02 : 0.01);
        }
        String current = control.asText();
        return MassAssignmentProbes.enumValues(ctx.openapi, leaf, current).stream().filter(v -> !v.equals(current))
                .findFirst().map(v -> (JsonNode) JSON.getNodeFactory().textNode(v))
                .orElse(JSON.getNodeFactory().textNode("gauntlet-assigned-" + leaf));
    }

    /** Sets {@code steps[i..]} under {@code node}, making missing parents from the request schema's examples. */
    private static void set(OpenApi api, ObjectNode node, JsonNode schema, String[] steps, int i, JsonNode value) {
        String step = steps[i];
        boolean array = step.endsWith("[]");
        String name = array ? step.substring(0, step.length() - 2) : step;
        if (i == steps.length - 1) {
            node.set(name, value);
            return;
        }
        JsonNode childSchema = api.property(schema, name);
        if (array) {
            JsonNode items = api.resolve(childSchema.path("items"));
            if (!(node.get(name) instanceof ArrayNode a) || a.isEmpty()) {
                node.set(name, JSON.createArrayNode().add(example(api, items)));
            }
            for (JsonNode element : node.get(name)) {
                if (element instanceof ObjectNode o) {
                    set(api, o, items, steps, i + 1, value);
                }
            }
            return;
        }
        if (!(node.get(name) instanceof ObjectNode)) {
            node.set(name, example(api, childSchema));
        }
        set(api, (ObjectNode) node.get(name), childSchema, steps, i + 1, value);
    }

    /** An object with the schema's properties set to their examples (or a placeholder of their type). */
    private static ObjectNode example(OpenApi api, JsonNode schema) {
        ObjectNode out = JSON.createObjectNode();
        api.resolve(schema).path("properties").fields().forEachRemaining(e -> {
            JsonNode p = api.resolve(e.getValue());
            String type = p.path("type").asText();
            if (p.has("example")) {
                out.set(e.getKey(), p.get("example"));
            } else if (type.equals("string")) {
                out.put(e.getKey(), p.path("enum").path(0).asText("gauntlet"));
            } else if (type.equals("integer") || type.equals("number")) {
                out.put(e.getKey(), p.path("minimum").asLong(1));
            } else if (type.equals("boolean")) {
                out.put(e.getKey(), false);
            }
        });
        return out;
    }
}
