package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.contract.ProbeSources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Negative data from each JSON request body of the contracts (Schemathesis' {@code negative_data_rejection}, made
 * explainable): a required field missing and a field of the wrong type must be refused with a 4xx; an oversized
 * string, an oversized body and injection-shaped strings must not get a 5xx. No answer may show internals (stack
 * traces, exception class names, SQL fragments). A field counts as required only when every interaction of the
 * operation sends it; a value is only "of the wrong type" when no reading could accept it (an array for a string).
 */
final class ValidationProbes {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int OVERSIZED_STRING = 64 * 1024;
    static final int OVERSIZED_BODY = 2 * 1024 * 1024;
    static final List<String> INJECTIONS = List.of("' OR '1'='1' --", "../../../../etc/passwd",
            "<script>alert(1)</script>{{7*7}}${7*7}");

    private ValidationProbes() {
    }

    /** One broken body and what the API owes it. */
    private record Variant(String what, String body, boolean mustRefuse, String sent) {
    }

    static void run(ProbeContext ctx) {
        Map<String, List<ProbeSources.Source>> byOperation = new LinkedHashMap<>();
        for (ProbeSources.Source s : ctx.sources) {
            if (s.requestBody() != null && s.requestBody().isObject()) {
                byOperation.computeIfAbsent(s.replay().operation(), k -> new ArrayList<>()).add(s);
            }
        }
        for (List<ProbeSources.Source> sources : byOperation.values()) {
            Set<String> required = required(sources);
            Set<String> done = new HashSet<>();
            List<ProbeSources.Source> ordered = sources.stream()
                    .sorted(Comparator.comparing(s -> s.succeeds() ? 0 : 1)).toList();
            for (ProbeSources.Source s : ordered) {
                for (Variant v : variants((ObjectNode) s.requestBody(), required, sources.size())) {
                    if (done.add(v.what())) {
                        probe(ctx, s, v);
                    }
                }
            }
        }
    }

    /** Top-level fields every interaction of the operation sends. */
    private static Set<String> required(List<ProbeSources.Source> sources) {
        Set<String> out = null;
        for (ProbeSources.Source s : sources) {
            Set<String> names = new LinkedHashSet<>();
            s.requestBody().fieldNames().forEachRemaining(names::add);
            if (out == null) {
                out = names;
            } else {
                out.retainAll(names);
            }
        }
        return out == null ? Set.of() : out;
    }

    private static List<Variant> variants(ObjectNode body, Set<String> required, int interactions) {
        List<Variant> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        for (String f : fields) {
            if (required.contains(f)) {
                ObjectNode without = body.deepCopy();
                without.remove(f);
                out.add(new Variant("without $." + f + " (sent by all " + interactions + " interaction(s) of the "
                        + "operation)", without.toString(), true, null));
            }
            JsonNode value = body.get(f);
            JsonNode wrong = wrongType(value);
            if (wrong != null) {
                ObjectNode w = body.deepCopy();
                w.set(f, wrong);
                out.add(new Variant("$." + f + " of the wrong type (" + wrong + " instead of " + kind(value) + ")",
                        w.toString(), true, null));
            }
            if (value.isTextual()) {
                String big = "A".repeat(OVERSIZED_STRING);
                ObjectNode o = body.deepCopy();
                o.put(f, big);
                out.add(new Variant("$." + f + " oversized (" + OVERSIZED_STRING + " characters)", o.toString(), false,
                        big));
                for (String injection : INJECTIONS) {
                    ObjectNode i = body.deepCopy();
                    i.put(f, injection);
                    out.add(new Variant("$." + f + " = " + injection, i.toString(), false, injection));
                }
            }
        }
        ObjectNode padded = body.deepCopy();
        String padding = "A".repeat(OVERSIZED_BODY);
        padded.put("gauntletPadding", padding);
        out.add(new Variant("oversized body (" + OVERSIZED_BODY / 1024 / 1024 + " MiB)", padded.toString(), false,
                padding));
        return out;
    }

    /** A value no reading of {@code example}'s type could accept, or null for null examples. */
    private static JsonNode wrongType(JsonNode example) {
        if (example.isTextual()) {
            return JSON.createArrayNode().add("gauntlet-wrong-type");
        }
        if (example.isNumber()) {
            return JSON.getNodeFactory().textNode("gauntlet-not-a-number");
        }
        if (example.isBoolean()) {
            return JSON.getNodeFactory().textNode("gauntlet-not-a-boolean");
        }
        if (example.isObject()) {
            return JSON.getNodeFactory().textNode("gauntlet-not-an-object");
        }
        if (example.isArray()) {
            return JSON.getNodeFactory().textNode("gauntlet-not-a-list");
        }
        return null;
    }

    private static String kind(JsonNode n) {
        return n.isTextual() ? "a string" : n.isNumber() ? "a number" : n.isBoolean() ? "a boolean"
                : n.isObject() ? "an object" : "a list";
    }

    private static void probe(ProbeContext ctx, ProbeSources.Source s, Variant v) {
        Map<String, Object> state = ctx.begin(ProbeKind.VALIDATION, s);
        if (state == null) {
            return;
        }
        Call call = ctx.call(s, state).withBody(v.body());
        Reply reply = ctx.http.send(call);
        List<String> internals = Internals.in(reply.body(), v.sent() == null ? List.of() : List.of(v.sent()));
        String reason;
        boolean passed = false;
        if (reply.status() == 0 && v.what().startsWith("oversized body")) {
            passed = true;
            reason = "the connection was closed without an answer (acceptable for an oversized body)";
        } else if (reply.status() == 0) {
            reason = "no answer: " + reply.error();
        } else if (reply.is5xx()) {
            reason = "a broken request must get a 4xx, never a 5xx, but it was answered " + reply.status()
                    + (internals.isEmpty() ? "" : ", showing " + String.join("; ", internals));
        } else if (!internals.isEmpty()) {
            reason = "answered " + reply.status() + ", showing internals: " + String.join("; ", internals);
        } else if (v.mustRefuse() && !reply.is4xx()) {
            reason = "must be refused with a 4xx, but it was answered " + reply.status();
        } else {
            passed = true;
            reason = "answered " + reply.status();
        }
        ctx.record(ctx.result(ProbeKind.VALIDATION, s, v.what(), passed, reason, call, reply, Map.of()));
    }
}
