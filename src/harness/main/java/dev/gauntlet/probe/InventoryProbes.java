package dev.gauntlet.probe;

import dev.gauntlet.contract.ProbeSources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OWASP API9 (improper inventory management): what the API answers must be what its OpenAPI document says.
 * <ul>
 *   <li>every method the document does not list on a path the contracts exercise (GET, POST, PUT, PATCH, DELETE),
 *       sent with the interaction's credentials on a fresh resource, must not be answered 2xx;</li>
 *   <li>well-known debug and admin paths the document does not list ({@link #UNDOCUMENTED}), sent without
 *       credentials, must not be answered 2xx.</li>
 * </ul>
 * Without a document there is no inventory to hold the API to: the probes note it and do not run.
 */
final class InventoryProbes {
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final List<String> UNDOCUMENTED = List.of("/admin", "/debug", "/debug/vars", "/debug/pprof", "/actuator",
            "/actuator/env", "/actuator/heapdump", "/env", "/.env", "/console", "/h2-console", "/server-status",
            "/internal", "/config", "/trace", "/.git/config");

    private InventoryProbes() {
    }

    static void run(ProbeContext ctx) {
        if (!ctx.api.present()) {
            ctx.note("improper inventory probes need the OpenAPI document (contracts.openapi)");
            return;
        }
        Map<String, ProbeSources.Source> byPath = new LinkedHashMap<>();
        ctx.onePerOperation(s -> true).forEach(s -> byPath.putIfAbsent(s.pathTemplate(), s));
        Map<String, Set<String>> documented = ctx.api.paths();
        for (ProbeSources.Source s : byPath.values()) {
            String path = ctx.api.documentedPath(s.pathTemplate());
            if (path == null) {
                continue;
            }
            for (String method : METHODS) {
                if (!documented.get(path).contains(method)) {
                    method(ctx, s, method);
                }
            }
        }
        for (String path : UNDOCUMENTED) {
            if (ctx.api.documentedPath(path) == null && ctx.admit(ProbeKind.INVENTORY)) {
                Call call = new Call("GET", ctx.provider().resolve(path), Map.of("Accept", "application/json"), null);
                Reply reply = ctx.http.send(call);
                boolean passed = !reply.is2xx();
                ctx.record(ctx.result(ProbeKind.INVENTORY, "GET " + path, "a well-known debug or admin path",
                        "undocumented, without credentials", passed, passed ? "answered " + reply.describe()
                        : "GET " + path + " is not in the OpenAPI document, yet it was answered " + reply.status()
                        + " without credentials", call, reply, Map.of()));
            }
        }
    }

    private static void method(ProbeContext ctx, ProbeSources.Source s, String method) {
        Call original = ctx.freshCall(ProbeKind.INVENTORY, s);
        if (original == null) {
            return;
        }
        boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        Map<String, String> headers = new LinkedHashMap<>(original.headers());
        String sent = null;
        if (body) {
            sent = original.body() != null ? original.body() : "{}";
            if (original.header("Content-Type") == null) {
                headers.put("Content-Type", "application/json");
            }
        }
        Call call = new Call(method, original.uri(), headers, sent);
        Reply reply = ctx.http.send(call);
        boolean passed = !reply.is2xx();
        String operation = method + " " + (ctx.api.documentedPath(s.pathTemplate()));
        ctx.record(ctx.result(ProbeKind.INVENTORY, s, operation, "a method the document does not list", passed,
                passed ? "answered " + reply.describe() : operation + " is not in the OpenAPI document, yet it was "
                + "answered " + reply.status(), call, reply));
    }
}
