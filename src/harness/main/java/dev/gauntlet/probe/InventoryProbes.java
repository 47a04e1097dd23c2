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
 *       credentials, must not be answered 2xx — unless a random path is answered 2xx with the same body (a catch-all
 *       route: no finding; another body WARNs), or the answer is a link index of health and info only.</li>
 * </ul>
 * A PUT the document does not list answered 2xx where it lists PATCH WARNs (frameworks route both to one action).
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
        Reply control = null;
        for (String path : UNDOCUMENTED) {
            if (ctx.api.documentedPath(path) == null && ctx.admit(ProbeKind.INVENTORY)) {
                if (control == null) {
                    control = ctx.http.send(get(ctx, "/gauntlet-" + java.util.UUID.randomUUID()));
                }
                debugPath(ctx, path, control);
            }
        }
    }

    private static Call get(ProbeContext ctx, String path) {
        return new Call("GET", ctx.provider().resolve(path), Map.of("Accept", "application/json"), null);
    }

    /**
     * One well-known path. An API that answers any path 2xx (a single-page app's index.html, a default landing page)
     * is told by the control, a random path: the same body there is the catch-all, no finding; another body WARNs
     * (it may be a real endpoint, or a page that names its path). A HAL link index listing only health and info
     * (Spring Boot's default {@code /actuator}) holds.
     */
    private static void debugPath(ProbeContext ctx, String path, Reply control) {
        Call call = get(ctx, path);
        Reply reply = ctx.http.send(call);
        boolean catchAll = control.is2xx();
        boolean same = catchAll && reply.body().strip().equals(control.body().strip());
        boolean harmless = reply.is2xx() && healthIndex(reply);
        boolean passed = !reply.is2xx() || catchAll || harmless;
        String reason = !reply.is2xx() ? "answered " + reply.describe()
                : same ? "answered " + reply.status() + " with the same body as a random path: a catch-all route"
                : harmless ? "answered " + reply.status() + " with an index of health and info links only"
                : "GET " + path + " is not in the OpenAPI document, yet it was answered " + reply.status()
                + " without credentials";
        String warning = catchAll && !same && !harmless ? "GET " + path + " answered " + reply.status() + " with a "
                + "body unlike a random path's (" + control.status() + "): an undocumented endpoint, or a page that "
                + "names its path" : null;
        ProbeResult r = ctx.result(ProbeKind.INVENTORY, "GET " + path, "a well-known debug or admin path",
                "undocumented, without credentials", passed, reason, call, reply, Map.of("a random path",
                        control.describe() + " " + Reply.excerpt(control.body())));
        ctx.record(warning == null ? r : r.warned(warning));
    }

    /** A HAL link index ({@code {"_links": {...}}}) whose links are only self, health and info. */
    private static boolean healthIndex(Reply reply) {
        var json = reply.json();
        if (json == null || !json.isObject() || json.size() != 1 || !json.path("_links").isObject()) {
            return false;
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        json.get("_links").fieldNames().forEachRemaining(names::add);
        return names.stream().allMatch(n -> n.equals("self") || n.startsWith("health") || n.equals("info"));
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
        String path = ctx.api.documentedPath(s.pathTemplate());
        // Rails (and others) route PUT to PATCH's action: a PUT answered where PATCH is documented is an alias
        boolean alias = method.equals("PUT") && ctx.api.paths().get(path).contains("PATCH");
        boolean passed = !reply.is2xx() || alias;
        String operation = method + " " + path;
        ProbeResult r = ctx.result(ProbeKind.INVENTORY, s, operation, "a method the document does not list", passed,
                !reply.is2xx() ? "answered " + reply.describe() : alias ? "answered " + reply.status() + " like the "
                + "documented PATCH" : operation + " is not in the OpenAPI document, yet it was answered "
                + reply.status(), call, reply);
        ctx.record(alias && reply.is2xx() ? r.warned(operation + " answered " + reply.status()
                + ": not in the OpenAPI document, which lists PATCH (PUT routed to the same action?)")
                : r);
    }
}
