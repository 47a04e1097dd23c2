package dev.gauntlet.probe;

import dev.gauntlet.contract.ProbeSources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OWASP API2 (broken authentication), Schemathesis' {@code ignored_auth}: every interaction that sends credentials
 * is sent again without them and with unknown ones; both must be refused with 401 or 403, and the refusal must not
 * carry the resource's data (text values of the owner's own answer to the same request). While a fault is on
 * ({@code security.duringFaults}) any answer but a 2xx that carries none of that data refuses: failing closed is right.
 */
final class AuthenticationProbes {
    /** Marks the unknown credentials the probes send. */
    static final String UNKNOWN = "gauntlet-unknown";

    private AuthenticationProbes() {
    }

    static void run(ProbeContext ctx) {
        for (ProbeSources.Source s : ctx.sources) {
            if (!ctx.sendsCredentials(s) || ctx.isPublic(s.replay().operation())) {
                continue;
            }
            probe(ctx, s, false);
            probe(ctx, s, true);
        }
    }

    private static void probe(ProbeContext ctx, ProbeSources.Source s, boolean unknown) {
        Map<String, Object> state = ctx.begin(ProbeKind.AUTHENTICATION, s);
        if (state == null) {
            return;
        }
        Call original = ctx.call(s, state);
        Map<String, String> credentials = ctx.credentials(original);
        Call probe = unknown ? original.with(unknownCredentials(credentials)) : original.without(credentials.keySet());
        String what = unknown ? "with unknown credentials" : "without credentials";
        Reply reply = ctx.http.send(probe);
        Reply owner = s.succeeds() ? ctx.http.send(original) : null;
        List<String> leaked = owner != null && owner.is2xx() ? Leaks.of(owner.json(), reply.body(), probe) : List.of();
        boolean refused = reply.status() == 401 || reply.status() == 403 || failsClosed(ctx, reply);
        Map<String, String> evidence = new LinkedHashMap<>();
        if (owner != null) {
            evidence.put("the same request with the interaction's credentials", owner.describe());
        }
        String reason;
        if (!refused) {
            reason = "the request " + what + " must be refused with 401 or 403, but it was answered " + reply.describe();
        } else if (!leaked.isEmpty()) {
            reason = "refused with " + reply.status() + ", but the answer carries the resource's data: " + leaked;
        } else {
            reason = reply.status() == 401 || reply.status() == 403 ? "refused with " + reply.status()
                    : "not answered while " + ctx.fault + " is on (" + reply.describe() + "): the API fails closed";
        }
        ctx.record(ctx.result(ProbeKind.AUTHENTICATION, s, what, refused && leaked.isEmpty(), reason, probe, reply,
                evidence));
    }

    /**
     * Under a fault, any answer but a 2xx refuses: an API whose identity provider is down may fail closed with a 503
     * (the caller of this checks the answer carries none of the owner's data). At rest 401 or 403 is due.
     */
    static boolean failsClosed(ProbeContext ctx, Reply reply) {
        return ctx.underFault() && !reply.is2xx();
    }

    /** The same headers with values no one holds, keeping an auth scheme ({@code Bearer gauntlet-unknown-…}). */
    private static Map<String, String> unknownCredentials(Map<String, String> credentials) {
        Map<String, String> out = new LinkedHashMap<>();
        String token = UNKNOWN + "-" + UUID.randomUUID().toString().substring(0, 8);
        credentials.forEach((name, value) -> {
            int space = value.indexOf(' ');
            int equals = value.indexOf('=');
            if (space > 0 && value.substring(0, space).matches("[A-Za-z][\\w-]*")) {
                out.put(name, value.substring(0, space + 1) + token);
            } else if (equals > 0 && space < 0) {
                out.put(name, value.substring(0, equals + 1) + token);
            } else {
                out.put(name, token);
            }
        });
        return out;
    }
}
