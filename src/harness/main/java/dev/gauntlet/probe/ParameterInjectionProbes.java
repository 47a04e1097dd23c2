package dev.gauntlet.probe;

import dev.gauntlet.contract.ProbeSources;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Injection-shaped values and path traversal in path and query parameters (the body's fields are the validation
 * probes'): one interaction per operation that succeeds is sent again with each path parameter (a {@code {slot}} of
 * the documented path, else a segment holding a digit) and each query parameter replaced by an SQL injection, an
 * encoded path traversal and a template injection. The API may refuse or answer 404; it must not answer 5xx or no
 * answer, show internals, or serve a file the traversal names.
 */
final class ParameterInjectionProbes {
    static final List<String> VALUES = List.of("' OR '1'='1' --", "../../../../etc/passwd", "{{7*7}}${7*7}<script>");
    private static final List<String> FILE_TELLS = List.of("root:x:0:0", "[boot loader]", "[fonts]");

    private ParameterInjectionProbes() {
    }

    static void run(ProbeContext ctx) {
        for (ProbeSources.Source s : ctx.onePerOperation(s -> true)) {
            List<Integer> segments = parameterSegments(ctx, s);
            Call template = ctx.call(s, ProbeContext.placeholders(s));
            List<String> query = queryNames(template.uri());
            String[] names = Objects.requireNonNullElse(ctx.api.documentedPath(s.pathTemplate()), s.pathTemplate())
                    .split("/", -1);
            for (int segment : segments) {
                for (String value : VALUES) {
                    probe(ctx, s, "path parameter " + (names[segment].startsWith("{") ? names[segment]
                            : "at segment " + segment), value, segment, null);
                }
            }
            for (String name : query) {
                for (String value : VALUES) {
                    probe(ctx, s, "query parameter " + name, value, -1, name);
                }
            }
        }
    }

    /** Indexes of the path's segments that are parameters. */
    private static List<Integer> parameterSegments(ProbeContext ctx, ProbeSources.Source s) {
        String documented = ctx.api.documentedPath(s.pathTemplate());
        String template = documented != null ? documented : s.pathTemplate();
        String[] parts = template.split("/", -1);
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if ((parts[i].startsWith("{") && parts[i].endsWith("}")) || (documented == null && parts[i].matches(".*\\d.*"))) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<String> queryNames(URI uri) {
        List<String> out = new ArrayList<>();
        String q = uri.getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!name.isEmpty() && !out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static void probe(ProbeContext ctx, ProbeSources.Source s, String where, String value, int segment,
                              String queryName) {
        Call original = ctx.freshCall(ProbeKind.PARAMETER_INJECTION, s);
        if (original == null) {
            return;
        }
        Call call = new Call(original.method(), segment >= 0 ? inPath(original.uri(), segment, value)
                : inQuery(original.uri(), queryName, value), original.headers(), original.body());
        Reply reply = ctx.http.send(call);
        List<String> internals = Internals.in(reply.body(), List.of(value));
        String served = FILE_TELLS.stream().filter(t -> reply.body().contains(t)).findFirst().orElse(null);
        boolean passed = reply.status() != 0 && !reply.is5xx() && internals.isEmpty() && served == null;
        String reason = reply.status() == 0 ? "no answer: " + reply.error()
                : reply.is5xx() ? "an injection-shaped " + where + " must be refused or not found, never a 5xx, but "
                + "it was answered " + reply.status() + (internals.isEmpty() ? "" : ", showing " + String.join("; ", internals))
                : !internals.isEmpty() ? "answered " + reply.status() + ", showing internals: " + String.join("; ", internals)
                : served != null ? "answered " + reply.status() + " with a file the traversal names (" + served + ")"
                : "answered " + reply.status();
        ctx.record(ctx.result(ProbeKind.PARAMETER_INJECTION, s, where + " = " + value, passed, reason, call, reply,
                Map.of()));
    }

    /** {@code uri} with path segment {@code index} replaced by {@code value}, encoded (a traversal's slashes too). */
    static URI inPath(URI uri, int index, String value) {
        String[] parts = uri.getRawPath().split("/", -1);
        parts[index] = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        String path = String.join("/", parts);
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** {@code uri} with every value of query parameter {@code name} replaced by {@code value}, encoded. */
    static URI inQuery(URI uri, String name, String value) {
        List<String> pairs = new ArrayList<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String n = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            pairs.add(n.equals(name) ? n + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) : pair);
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?"
                + String.join("&", pairs));
    }
}
