package dev.gauntlet.probe;

import dev.gauntlet.contract.ProbeSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OWASP API1 on collections: a list read that succeeds for an identity ({@code GET /orders} as alice) must not carry
 * resources of another. The probe makes such a resource exactly as the contracts make one for the reader — the
 * provider state of an interaction that addresses a resource ({@code customer alice has an order}), with the
 * reader's name replaced by a second identity's ({@code customer bob has an order}) — and looks for the values that
 * state answered ({@code orderId}) in the reader's list. The reader's own resource, made the same way, shows the list
 * does list such resources.
 */
final class ListAuthorizationProbes {
    private ListAuthorizationProbes() {
    }

    static void run(ProbeContext ctx) {
        if (ctx.spec.identities().size() < 2) {
            ctx.note("object-level authorization probes on collections need two identities in 'identities:'");
            return;
        }
        for (ProbeSources.Source s : ctx.sources) {
            if (s.succeeds() && s.template().method().equals("GET") && !s.ownsResource() && ctx.sendsCredentials(s)
                    && !ctx.isPublic(s.replay().operation())) {
                probe(ctx, s);
            }
        }
    }

    private static void probe(ProbeContext ctx, ProbeSources.Source s) {
        Optional<ProbeSources.Source> maker = maker(ctx, s);
        if (maker.isEmpty()) {
            return; // no provider state of the contracts makes a resource someone owns: nothing to look for
        }
        Map<String, Object> state = ctx.begin(ProbeKind.LIST_AUTHORIZATION, s);
        if (state == null) {
            return;
        }
        Call list = ctx.call(s, state);
        Optional<Identity> reader = ctx.identityOf(list);
        Optional<Identity> makerOwner = ctx.spec.identities().stream()
                .filter(i -> Words.names(maker.get().stateText(), i.name())).findFirst();
        if (reader.isEmpty() || makerOwner.isEmpty()) {
            ctx.note("no object-level authorization probe on " + s.replay().name() + ": its credentials are none of "
                    + "the identities'");
            return;
        }
        Optional<Identity> other = ctx.spec.identities().stream().filter(i -> !i.name().equals(reader.get().name()))
                .findFirst();
        if (other.isEmpty()) {
            return;
        }
        Map<String, Object> theirs = new LinkedHashMap<>();
        Map<String, Object> own = new LinkedHashMap<>();
        try {
            for (String body : maker.get().template().stateBodies()) {
                theirs.putAll(ctx.setUp(rename(body, makerOwner.get().name(), other.get().name())));
                own.putAll(ctx.setUp(rename(body, makerOwner.get().name(), reader.get().name())));
            }
        } catch (RuntimeException e) {
            ctx.note("object-level authorization probe on " + s.replay().name() + " skipped: " + e.getMessage());
            return;
        }
        Reply reply = ctx.http.send(list);
        String request = list.uri().toString();
        List<String> leaked = found(theirs, own, reply.body(), request);
        List<String> listed = found(own, Map.of(), reply.body(), request);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("made for " + other.get().name(), "provider state(s) " + renamed(maker.get(), makerOwner.get(),
                other.get()) + " answered " + theirs);
        evidence.put("made for " + reader.get().name(), own + (listed.isEmpty() ? " (not in the list either)"
                : " (listed: " + listed + ")"));
        String what = "as " + reader.get().name() + ", with a resource of " + other.get().name();
        boolean passed = reply.is2xx() ? leaked.isEmpty() : true;
        String reason = !reply.is2xx() ? "answered " + reply.describe() + " (the contracts expect a 2xx): nothing listed"
                : passed ? "the list of " + reader.get().name() + " carries none of " + other.get().name() + "'s "
                + theirs.values() : "the list of " + reader.get().name() + " carries a resource of "
                + other.get().name() + ": " + leaked;
        ctx.record(ctx.result(ProbeKind.LIST_AUTHORIZATION, s, what, passed, reason, list, reply, evidence));
    }

    /**
     * An interaction whose provider state makes a resource an identity owns, of the list's own kind: its path is one
     * resource of the list's ({@code /orders/{id}} for {@code /orders}). None for a list of another kind.
     */
    private static Optional<ProbeSources.Source> maker(ProbeContext ctx, ProbeSources.Source list) {
        List<ProbeSources.Source> candidates = new ArrayList<>();
        for (ProbeSources.Source t : ctx.sources) {
            if (t.ownsResource() && !t.template().stateBodies().isEmpty() && ctx.spec.identities().stream()
                    .anyMatch(i -> Words.names(t.stateText(), i.name()))) {
                candidates.add(t);
            }
        }
        return candidates.stream().filter(t -> parent(list.pathTemplate(), t.pathTemplate())).findFirst();
    }

    /** Whether {@code collection} is the parent of {@code resource}: {@code /orders} of {@code /orders/{id}...}. */
    static boolean parent(String collection, String resource) {
        String prefix = collection.endsWith("/") ? collection : collection + "/";
        if (!resource.startsWith(prefix)) {
            return false;
        }
        String next = resource.substring(prefix.length()).split("/", 2)[0];
        return next.startsWith("{") && next.endsWith("}");
    }

    private static String renamed(ProbeSources.Source maker, Identity from, Identity to) {
        return rename(maker.replay().states().toString(), from.name(), to.name());
    }

    /** {@code text} with the whole word {@code from} replaced by {@code to}. */
    static String rename(String text, String from, String to) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(from) + "(?![\\w-])").matcher(text)
                .replaceAll(Matcher.quoteReplacement(to));
    }

    /**
     * The values (at least 3 characters) found in {@code body} as whole tokens, except those the request carries and
     * those {@code shared} has too (a currency, a SKU, a tenant id both identities' resources carry).
     */
    static List<String> found(Map<String, Object> values, Map<String, Object> shared, String body, String request) {
        java.util.Set<String> common = new java.util.HashSet<>();
        shared.values().forEach(v -> common.add(String.valueOf(v)));
        List<String> out = new ArrayList<>();
        for (Object v : values.values()) {
            String text = String.valueOf(v);
            if (text.length() >= 3 && !common.contains(text) && !Words.names(request, text) && Words.names(body, text)) {
                out.add(text);
            }
        }
        return out;
    }
}
