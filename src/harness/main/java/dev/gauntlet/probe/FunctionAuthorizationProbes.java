package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.contract.ApiOperations;
import dev.gauntlet.contract.ProbeSources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OWASP API5 (broken function-level authorization): an operation whose OpenAPI security requirement names scopes
 * ({@code security: [{bearer: [admin]}]}) is sent as every identity that declares {@code roles} holding none of its
 * alternatives, and must be refused (401, 403, or 404 for an operation hidden from them); an identity without
 * {@code roles:} is not judged (what it holds is not known). The request is the contracts' when they exercise the
 * operation, else made from the document (an operation without path parameters, or with examples). An identity that
 * holds the scopes is sent the same request after the probe, on a resource of its own, as evidence that the operation
 * answers at all.
 */
final class FunctionAuthorizationProbes {
    private FunctionAuthorizationProbes() {
    }

    static void run(ProbeContext ctx) {
        if (!ctx.api.present()) {
            return;
        }
        boolean rolesDeclared = ctx.spec.identities().stream().anyMatch(i -> !i.roles().isEmpty());
        for (Map.Entry<String, Set<String>> path : ctx.api.paths().entrySet()) {
            for (String method : path.getValue()) {
                List<Set<String>> scopes = ctx.api.requiredScopes(method, path.getKey());
                if (scopes.isEmpty()) {
                    continue;
                }
                if (!rolesDeclared) {
                    ctx.note("function-level authorization probes need 'roles:' on the identities: " + method + " "
                            + path.getKey() + " requires scope(s) " + scopes);
                    continue;
                }
                probe(ctx, method, path.getKey(), scopes);
            }
        }
    }

    private static void probe(ProbeContext ctx, String method, String path, List<Set<String>> scopes) {
        String operation = method + " " + path;
        Optional<ProbeSources.Source> source = ctx.onePerOperation(s -> ctx.sendsCredentials(s)
                && ApiOperations.same(s.replay().operation(), operation)).stream().findFirst();
        List<Identity> judged = ctx.spec.identities().stream().filter(i -> !i.roles().isEmpty()).toList();
        Optional<Identity> holder = judged.stream().filter(i -> holds(i, scopes)).findFirst();
        for (Identity lacking : judged.stream().filter(i -> !holds(i, scopes)).toList()) {
            Call call = source.isPresent() ? ctx.freshCall(ProbeKind.FUNCTION_AUTHORIZATION, source.get())
                    : ctx.admit(ProbeKind.FUNCTION_AUTHORIZATION) ? fromDocument(ctx, method, path) : null;
            if (call == null) {
                if (source.isEmpty() && !ctx.cut().containsKey(ProbeKind.FUNCTION_AUTHORIZATION)) {
                    ctx.note("no function-level authorization probe of " + operation + ": no interaction exercises "
                            + "it and the document gives no example for its path parameters");
                }
                return;
            }
            Call probe = call.without(ctx.credentialHeaders()).with(lacking.headers());
            Reply reply = ctx.http.send(probe);
            Map<String, String> evidence = new LinkedHashMap<>();
            if (holder.isPresent()) { // after the probe, on a resource of its own: a DELETE must not hide a bypass
                Call again = source.isPresent() ? ctx.freshCall(ProbeKind.FUNCTION_AUTHORIZATION, source.get()) : call;
                if (again != null) {
                    Reply control = ctx.http.send(again.without(ctx.credentialHeaders()).with(holder.get().headers()));
                    evidence.put("the same request as " + holder.get().name() + " (roles " + holder.get().roles()
                            + ")", control.describe());
                }
            }
            String what = "as " + lacking.name() + " (roles " + lacking.roles() + ", needs " + scopes + ")";
            boolean refused = reply.status() == 401 || reply.status() == 403 || reply.status() == 404;
            boolean passed = !reply.is2xx();
            String reason = refused ? "refused with " + reply.status()
                    : passed ? "not answered (" + reply.describe() + ")"
                    : lacking.name() + " holds none of the scopes " + scopes + " the document requires, but "
                    + operation + " was answered " + reply.describe();
            String warning = passed && !refused ? operation + " as " + lacking.name() + " answered " + reply.describe()
                    + " where 401, 403 or 404 is due" : null;
            ctx.record(source.isPresent()
                    ? ctx.result(ProbeKind.FUNCTION_AUTHORIZATION, source.get(), what, passed, reason, warning, probe,
                    reply, evidence)
                    : (ctx.result(ProbeKind.FUNCTION_AUTHORIZATION, operation, "the OpenAPI document",
                    what, passed, reason, probe, reply, evidence)).warned(warning));
        }
    }

    /** Whether {@code identity}'s roles hold every scope of one alternative. */
    static boolean holds(Identity identity, List<Set<String>> scopes) {
        return scopes.stream().anyMatch(alternative -> identity.roles().containsAll(alternative));
    }

    /** The operation's request made from the document, or null when a path parameter has no example. */
    private static Call fromDocument(ProbeContext ctx, String method, String path) {
        String concrete = path;
        for (JsonNode p : ctx.api.parameters(method, path)) {
            if (p.path("in").asText().equals("path")) {
                JsonNode example = p.has("example") ? p.get("example") : ctx.api.resolve(p.path("schema")).path("example");
                if (example.isMissingNode() || example.isNull()) {
                    return null;
                }
                concrete = concrete.replace("{" + p.path("name").asText() + "}", example.asText());
            }
        }
        if (concrete.contains("{")) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        String body = null;
        if (!ctx.api.requestSchema(method, path).isMissingNode()) {
            headers.put("Content-Type", "application/json");
            body = "{}";
        }
        return new Call(method, ctx.provider().resolve(concrete), headers, body);
    }
}
