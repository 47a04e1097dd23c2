package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.contract.ProbeSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OWASP API4 (unrestricted resource consumption), one interaction per operation that succeeds:
 * <ul>
 *   <li>a page-size query parameter (one named like a page size, {@link #PAGE_SIZE_NAMES}: {@code limit},
 *       {@code size}, {@code page_size}, {@code perPage} …) sent far beyond its maximum (1000 times it, at least
 *       1 000 000): the API must refuse it (4xx) or cap it — a 2xx whose list (the answer, or its longest top-level
 *       array) is longer than the documented maximum (10 000 without one) and than the list the interaction's own
 *       request gets, or that echoes the size asked for, FAILs;</li>
 *   <li>a JSON body with an array of 10 000 copies of its first element, and one with a field nested 5 000 levels
 *       deep: refused or answered, never a 5xx or no answer.</li>
 * </ul>
 */
final class ResourceLimitProbes {
    /** Page-size parameter names, lower case with anything but letters dropped ({@code per_page} → perpage). */
    static final Set<String> PAGE_SIZE_NAMES = Set.of("size", "limit", "pagesize", "perpage", "pagelimit", "count",
            "top", "first", "take", "max", "maxresults", "maxitems", "maxpagesize", "rows");
    static final int ARRAY_LENGTH = 10_000;
    static final int DEPTH = 5_000;

    private ResourceLimitProbes() {
    }

    static void run(ProbeContext ctx) {
        for (ProbeSources.Source s : ctx.onePerOperation(s -> true)) {
            for (Map.Entry<String, Long> limit : limits(ctx, s).entrySet()) {
                pageSize(ctx, s, limit.getKey(), limit.getValue());
            }
            if (s.requestBody() instanceof ObjectNode body) {
                body.fields().forEachRemaining(e -> {
                    if (e.getValue().isArray() && e.getValue().size() > 0) {
                        body(ctx, s, e.getKey(), "$." + e.getKey() + " with " + ARRAY_LENGTH + " elements",
                                "[" + String.join(",", java.util.Collections.nCopies(ARRAY_LENGTH,
                                        e.getValue().get(0).toString())) + "]");
                    }
                });
                String first = body.fieldNames().hasNext() ? body.fieldNames().next() : null;
                if (first != null) {
                    body(ctx, s, first, "$." + first + " nested " + DEPTH + " levels deep",
                            "[".repeat(DEPTH) + "1" + "]".repeat(DEPTH));
                }
            }
        }
    }

    /**
     * Query parameters of the operation that set a page size — named like one ({@link #PAGE_SIZE_NAMES}, however
     * spelt: {@code page_size}, {@code pageSize}, {@code $top}), whatever their maximum — to their maximum
     * (documented, else 0: unknown). An integer with a maximum named otherwise ({@code rating}) is not a page size.
     */
    private static Map<String, Long> limits(ProbeContext ctx, ProbeSources.Source s) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode p : ctx.api.parameters(s.template().method(), s.pathTemplate())) {
            JsonNode schema = ctx.api.resolve(p.path("schema"));
            boolean integer = schema.path("type").asText().equals("integer");
            if (p.path("in").asText().equals("query") && integer && pageSize(p.path("name").asText())) {
                out.put(p.path("name").asText(), schema.path("maximum").asLong(0));
            }
        }
        String query = ctx.call(s, ProbeContext.placeholders(s)).uri().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (pageSize(name)) {
                    out.putIfAbsent(name, 0L);
                }
            }
        }
        return out;
    }

    /** Whether a query parameter's name is a page size's, spelt any way ({@code per_page}, {@code perPage}). */
    static boolean pageSize(String name) {
        return PAGE_SIZE_NAMES.contains(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""));
    }

    private static void pageSize(ProbeContext ctx, ProbeSources.Source s, String name, long maximum) {
        long asked;
        try {
            asked = Math.max(1_000_000L, Math.multiplyExact(maximum, 1000L));
        } catch (ArithmeticException e) {
            if (maximum == Long.MAX_VALUE) {
                return; // no page size beyond the documented maximum can be asked for
            }
            asked = Long.MAX_VALUE;
        }
        Call original = ctx.freshCall(ProbeKind.RESOURCE_LIMITS, s);
        if (original == null) {
            return;
        }
        // the interaction as the contracts send it: how long its list is without the probe (a read only)
        int before = original.method().equals("GET") ? topList(ctx.http.send(original).json()) : -1;
        String query = original.uri().getRawQuery();
        java.net.URI uri = query != null && (("&" + query).contains("&" + name + "="))
                ? ParameterInjectionProbes.inQuery(original.uri(), name, Long.toString(asked))
                : java.net.URI.create(original.uri() + (query == null ? "?" : "&") + name + "=" + asked);
        Call call = new Call(original.method(), uri, original.headers(), original.body());
        Reply reply = ctx.http.send(call);
        long cap = maximum > 0 ? maximum : 10_000;
        int listed = topList(reply.json());
        boolean longer = listed > cap && listed > before;
        boolean echoed = echoes(reply.json(), asked);
        boolean passed = reply.status() != 0 && !reply.is5xx() && (!reply.is2xx() || (!longer && !echoed));
        String what = name + " = " + asked + (maximum > 0 ? " (documented maximum " + maximum + ")" : "");
        String reason = reply.status() == 0 ? "no answer: " + reply.error()
                : reply.is5xx() ? "a page size far beyond the maximum must be refused or capped, but it was answered "
                + reply.status()
                : !reply.is2xx() ? "refused with " + reply.status()
                : passed ? "answered " + reply.status() + " with " + Math.max(0, listed) + " items: capped"
                : "a page size of " + asked + " was honoured (answered " + reply.status() + (echoed ? ", echoing "
                + asked : "") + (longer ? ", " + listed + " items where the request as the contracts send it "
                + "listed " + before : "") + ") where "
                + (maximum > 0 ? "the document allows at most " + maximum : "no consumer asks for that many");
        ctx.record(ctx.result(ProbeKind.RESOURCE_LIMITS, s, what, passed, reason, call, reply, Map.of()));
    }

    private static void body(ProbeContext ctx, ProbeSources.Source s, String field, String what, String value) {
        Call original = ctx.freshCall(ProbeKind.RESOURCE_LIMITS, s);
        if (original == null || original.body() == null) {
            return;
        }
        String body = JsonBodies.withRaw(original.body(), field, value);
        if (body == null) {
            return;
        }
        Call call = original.withBody(body);
        Reply reply = ctx.http.send(call);
        boolean passed = reply.status() != 0 && !reply.is5xx();
        ctx.record(ctx.result(ProbeKind.RESOURCE_LIMITS, s, what, passed, passed ? "answered " + reply.status()
                : "an oversized request must be refused, never " + reply.describe(), call, reply, Map.of()));
    }

    /**
     * The length of the answer's list: the answer itself when it is an array, else the longest array among its
     * top-level fields ({@code items}, {@code data}); -1 when there is none.
     */
    static int topList(JsonNode node) {
        if (node == null) {
            return -1;
        }
        if (node.isArray()) {
            return node.size();
        }
        int max = -1;
        for (JsonNode child : node) {
            if (child.isArray()) {
                max = Math.max(max, child.size());
            }
        }
        return max;
    }

    private static boolean echoes(JsonNode node, long asked) {
        if (node == null) {
            return false;
        }
        if (node.isIntegralNumber()) {
            return node.asLong() == asked;
        }
        List<JsonNode> children = new ArrayList<>();
        node.elements().forEachRemaining(children::add);
        return children.stream().anyMatch(c -> echoes(c, asked));
    }
}
