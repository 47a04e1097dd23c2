package dev.gauntlet.probe;

import dev.gauntlet.contract.ProbeSources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OWASP API1 (broken object-level authorization), exact rather than guessed: an interaction that succeeds for the
 * owner of a resource its provider state made ({@code customer alice has an order} + {@code /orders/${orderId}}) is
 * sent again, on a fresh resource, with the credentials of a second identity. The answer must be 403 or 404 without
 * the resource's data, and the resource, read back as its owner through the read operation the contracts use for
 * that path, must be unchanged — for every method, reads and writes alike.
 */
final class BolaProbes {
    private BolaProbes() {
    }

    static void run(ProbeContext ctx) {
        if (ctx.spec.identities().size() < 2) {
            ctx.note("object-level authorization probes need two identities with different credentials in "
                    + "'identities:' of the environment file; found " + ctx.spec.identities().size());
            return;
        }
        for (ProbeSources.Source s : ctx.sources) {
            if (s.succeeds() && s.ownsResource() && ctx.sendsCredentials(s)) {
                probe(ctx, s);
            }
        }
    }

    private static void probe(ProbeContext ctx, ProbeSources.Source s) {
        Optional<Identity> named = ctx.spec.identities().stream().filter(i -> Words.names(s.stateText(), i.name()))
                .findFirst();
        if (named.isEmpty()) {
            ctx.note("no object-level authorization probe for " + s.replay().name() + ": its provider state "
                    + s.replay().states() + " names none of the identities, so who owns the resource is unknown");
            return;
        }
        Map<String, Object> state = ctx.begin(ProbeKind.BOLA, s);
        if (state == null) {
            return;
        }
        Call original = ctx.call(s, state);
        Optional<Identity> owner = ctx.identityOf(original);
        Optional<Identity> second = ctx.secondIdentity(original, s.stateText());
        if (second.isEmpty()) {
            ctx.note("no object-level authorization probe for " + s.replay().name() + ": no identity whose "
                    + "credentials differ from the interaction's");
            return;
        }
        String ownerName = owner.map(Identity::name).orElse(named.get().name());
        Map<String, String> ownerCredentials = ctx.credentials(original);
        Call read = reader(ctx, s, state, ownerCredentials);
        Map<String, String> evidence = new LinkedHashMap<>();
        Reply before = read == null ? null : ctx.http.send(read);
        Set<String> volatileOnes = Set.of();
        if (before != null && before.is2xx()) {
            volatileOnes = JsonDiff.volatilePaths(before.json(), ctx.http.send(read).json());
            evidence.put("read back as " + ownerName + " before", before.describe() + " " + Reply.excerpt(before.body()));
        } else {
            evidence.put("read back", read == null ? "the contracts have no GET of " + s.pathTemplate()
                    + " that succeeds for the owner with the same provider-state values: not read back"
                    : "reading it as " + ownerName + " answered " + before.describe() + ": not compared");
            before = null;
        }
        Call probe = original.with(second.get().headers());
        Reply reply = ctx.http.send(probe);
        String what = "as " + second.get().name() + " on a resource of " + ownerName;
        List<String> leaked = before == null ? List.of() : Leaks.of(before.json(), reply.body(), probe);
        List<String> changes = List.of();
        if (before != null) {
            Reply after = ctx.http.send(read);
            evidence.put("read back as " + ownerName + " after", after.describe() + " " + Reply.excerpt(after.body()));
            changes = after.is2xx() ? JsonDiff.changes(before.json(), after.json(), volatileOnes)
                    : List.of("the resource can no longer be read by its owner: " + after.describe());
        }
        Judgement j = judge(second.get().name(), ownerName, reply, before != null, changes, leaked);
        if (!j.held() && AuthenticationProbes.failsClosed(ctx, reply) && changes.isEmpty() && leaked.isEmpty()) {
            // while a fault is on the owner's read may fail too: a non-2xx without the resource's data fails closed
            j = new Judgement(true, "not answered while " + ctx.fault + " is on (" + reply.describe() + "), none of "
                    + "the resource's data came back: the API fails closed", null);
        }
        ctx.record(ctx.result(ProbeKind.BOLA, s, what, j.held(), j.reason(), j.warning(), probe, reply, evidence));
    }

    /** Whether authorization held, why, and what is unusual about the answer (null when nothing is). */
    record Judgement(boolean held, String reason, String warning) {
    }

    /**
     * Authorization holds when the resource is unchanged (read back as its owner) and the answer carries none of its
     * data. A refusal with 403 or 404 is what is due; any other refusal (401, 400, 405 …), or a 2xx, 5xx or no answer
     * that demonstrably left the resource unchanged, holds too — with a WARN about the answer's semantics. Without a
     * read back, only a 4xx counts as a refusal.
     *
     * @param readBack whether the resource was read back as its owner before and after
     */
    static Judgement judge(String who, String owner, Reply reply, boolean readBack, List<String> changes,
                           List<String> leaked) {
        if (!changes.isEmpty()) {
            return new Judgement(false, who + " must not change a resource of " + owner + ", but after an answer "
                    + reply.describe() + " the resource changed: " + changes, null);
        }
        if (!leaked.isEmpty()) {
            return new Judgement(false, "answered " + reply.describe() + ", carrying the data of a resource of " + owner
                    + ": " + leaked, null);
        }
        String unchanged = readBack ? "; the resource is unchanged" : "";
        if (reply.status() == 403 || reply.status() == 404) {
            return new Judgement(true, "refused with " + reply.status() + unchanged, null);
        }
        if (reply.is4xx()) {
            return new Judgement(true, "refused with " + reply.status() + unchanged, "refused with " + reply.status()
                    + " where 403 or 404 is due for " + who + " on a resource of " + owner + " (authorization held"
                    + (readBack ? ": the owner's reads show it unchanged" : "") + ")");
        }
        if (readBack) {
            return new Judgement(true, "answered " + reply.describe() + "; the resource is unchanged and none of its "
                    + "data came back", "answered " + reply.describe() + " where 403 or 404 is due for " + who
                    + " on a resource of " + owner + " (authorization held: the owner's reads show it unchanged)");
        }
        return new Judgement(false, who + " must get 403 or 404 for a resource of " + owner + ", but got "
                + reply.describe() + " (and the contracts have no read to show the resource unchanged)", null);
    }

    /** The owner's read of the same resource, or null when the contracts have none that fits. */
    private static Call reader(ProbeContext ctx, ProbeSources.Source s, Map<String, Object> state,
                               Map<String, String> ownerCredentials) {
        for (ProbeSources.Source r : ctx.readers(s.pathTemplate())) {
            if (r.ownsResource() && r.canUse(state)) {
                return ctx.call(r, state).with(ownerCredentials);
            }
        }
        return null;
    }
}
