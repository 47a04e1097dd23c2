package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.contract.ApiOperations;
import dev.gauntlet.contract.ProbeSources;
import dev.gauntlet.contract.RequestTemplate;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every probe kind shares: the provider, the interactions, the identities, fresh provider-state set-ups, the
 * bounds on count and time, and the results so far.
 */
final class ProbeContext {
    final SecuritySpec spec;
    final List<ProbeSources.Source> sources;
    final JsonNode openapi;
    final OpenApi api;
    final ProbeHttp http = new ProbeHttp();
    private final URI provider;
    private final URI stateChange;
    private final long deadline;
    private final Set<String> credentialHeaders;
    private final List<ProbeResult> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<ProbeKind, Integer> cut = new LinkedHashMap<>();
    private int started;
    /** The fault on while these probes run ({@code security.duringFaults}), null at rest. */
    final String fault;

    ProbeContext(SecuritySpec spec, ProbeSources.Loaded loaded, URI provider, String stateChangePath) {
        this(spec, loaded, provider, stateChangePath, null);
    }

    ProbeContext(SecuritySpec spec, ProbeSources.Loaded loaded, URI provider, String stateChangePath, String fault) {
        this.fault = fault;
        this.spec = spec;
        this.sources = loaded.sources();
        this.openapi = loaded.openapi();
        this.api = new OpenApi(openapi);
        this.provider = provider;
        this.stateChange = stateChangePath == null ? null : provider.resolve(stateChangePath);
        this.deadline = System.nanoTime() + spec.timeout().toNanos();
        Set<String> names = new LinkedHashSet<>();
        spec.identities().forEach(i -> names.addAll(i.headers().keySet()));
        this.credentialHeaders = names.isEmpty() ? new LinkedHashSet<>(ProbeHttp.WELL_KNOWN_CREDENTIALS) : names;
        loaded.problems().forEach(notes::add);
    }

    /** Whether one more probe of {@code kind} may start; counts it as cut by the bounds when not. */
    boolean admit(ProbeKind kind) {
        if (http.closed()) {
            return false; // stopped (the fault went off, or the load ended): not cut by the bounds
        }
        if (started >= spec.maxProbes() || System.nanoTime() > deadline) {
            cut.merge(kind, 1, Integer::sum);
            return false;
        }
        started++;
        return true;
    }

    /**
     * Starts one probe of {@code kind} on {@code source}: admits it and sets its provider states up afresh.
     *
     * @return the state's values, or null when the bounds cut the probe or a state could not be set up (noted)
     */
    Map<String, Object> begin(ProbeKind kind, ProbeSources.Source source) {
        if (!admit(kind)) {
            return null;
        }
        try {
            return freshState(source);
        } catch (RuntimeException e) {
            note(kind.title() + " probes of " + source.replay().name() + " skipped: " + e.getMessage());
            return null;
        }
    }

    /**
     * Keeps a result. A probe whose answer was still 429 after the retries is not judged (the rate limit answered, not
     * the API): it is noted instead. Nothing is kept once the probes were stopped (a probe cut short mid-way).
     */
    void record(ProbeResult r) {
        if (http.closed()) {
            return;
        }
        if (!r.passed() && r.answer() != null && r.answer().status() == 429) {
            note(r.kind().title() + " " + r.operation() + " (" + r.probe() + ") not judged: still answered 429 "
                    + "(rate limited) after the retries");
            return;
        }
        results.add(r);
    }

    /** Whether these probes run while a fault is on: a refusal may then be any non-2xx (the API fails closed). */
    boolean underFault() {
        return fault != null;
    }

    void note(String line) {
        if (!http.closed() && !notes.contains(line)) {
            notes.add(line);
        }
    }

    List<ProbeResult> results() {
        return results;
    }

    List<String> notes() {
        return notes;
    }

    Map<ProbeKind, Integer> cut() {
        return cut;
    }

    /** Names of the headers that carry credentials: those the identities use (well-known ones without identities). */
    Set<String> credentialHeaders() {
        return credentialHeaders;
    }

    /**
     * Sets the source's provider states up afresh, so the probe acts on a resource of its own.
     *
     * @throws IllegalStateException when a state cannot be set up (no state-change path, or a non-2xx answer)
     */
    Map<String, Object> freshState(ProbeSources.Source source) {
        requireOpen();
        Map<String, Object> values = new HashMap<>();
        List<String> bodies = source.template().stateBodies();
        if (bodies.isEmpty()) {
            return values;
        }
        if (stateChange == null) {
            throw new IllegalStateException("needs provider state(s) " + source.replay().states()
                    + " but contracts.stateChangePath is not set");
        }
        for (String body : bodies) {
            values.putAll(ProbeSources.setUp(http.client(), stateChange, body));
        }
        return values;
    }

    /**
     * Sets up one provider state given as its state-change body.
     *
     * @throws IllegalStateException when there is no state-change path or the state is not set up
     */
    Map<String, Object> setUp(String stateBody) {
        requireOpen();
        if (stateChange == null) {
            throw new IllegalStateException("contracts.stateChangePath is not set");
        }
        return ProbeSources.setUp(http.client(), stateChange, stateBody);
    }

    private void requireOpen() {
        if (http.closed()) {
            throw new IllegalStateException("the probes were stopped");
        }
    }

    /** Placeholder values for every variable of the source's request ({@code x1}): its shape without a state. */
    static Map<String, Object> placeholders(ProbeSources.Source source) {
        Map<String, Object> values = new HashMap<>();
        source.template().variables().forEach(v -> values.put(v, "x1"));
        return values;
    }

    /** The source's request with the provider-state values {@code state}. */
    Call call(ProbeSources.Source source, Map<String, Object> state) {
        Object[] values = source.values(state);
        RequestTemplate t = source.template();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < t.headerCount(); i++) {
            headers.put(t.headerName(i), t.headerValue(i, values));
        }
        return new Call(t.method(), provider.resolve(t.url(values)), headers, t.body(values));
    }

    /** The call's credential headers (empty when it sends none). */
    Map<String, String> credentials(Call call) {
        Map<String, String> out = new LinkedHashMap<>();
        call.headers().forEach((k, v) -> {
            if (Call.contains(credentialHeaders, k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Whether the interaction's request sends credentials. */
    boolean sendsCredentials(ProbeSources.Source source) {
        RequestTemplate t = source.template();
        for (int i = 0; i < t.headerCount(); i++) {
            if (Call.contains(credentialHeaders, t.headerName(i))) {
                return true;
            }
        }
        return false;
    }

    /** A result of {@code kind} for {@code source}. */
    ProbeResult result(ProbeKind kind, ProbeSources.Source source, String probe, boolean passed, String reason, Call sent,
                       Reply reply, Map<String, String> evidence) {
        return result(kind, source, probe, passed, reason, null, sent, reply, evidence);
    }

    /** As above; {@code warning}: for a probe that passed, what is unusual about the answer (a WARN), else null. */
    ProbeResult result(ProbeKind kind, ProbeSources.Source source, String probe, boolean passed, String reason,
                       String warning, Call sent, Reply reply, Map<String, String> evidence) {
        return new ProbeResult(kind, source.replay().operation(), source.replay().name(), probe, passed, reason,
                shown(sent), reply.excerpt(), evidence, source.pending(), passed ? warning : null, null, null);
    }

    /** A result of {@code kind} for {@code source}, on another operation of its path ({@code PATCH /orders/{id}}). */
    ProbeResult result(ProbeKind kind, ProbeSources.Source source, String operation, String probe, boolean passed,
                       String reason, Call sent, Reply reply) {
        return new ProbeResult(kind, operation, source.replay().name(), probe, passed, reason, shown(sent),
                reply.excerpt(), Map.of(), source.pending(), null, null, null);
    }

    /** A result of a probe made from the OpenAPI document or the provider itself rather than an interaction. */
    ProbeResult result(ProbeKind kind, String operation, String from, String probe, boolean passed, String reason,
                       Call sent, Reply reply, Map<String, String> evidence) {
        return new ProbeResult(kind, operation, from, probe, passed, reason, shown(sent), reply.excerpt(), evidence,
                false, null, null, null);
    }

    /** The identity whose credentials the call sends, if it is one of {@code identities}. */
    Optional<Identity> identityOf(Call call) {
        Map<String, String> sent = credentials(call);
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        return spec.identities().stream().filter(i -> !i.headers().isEmpty() && i.headers().entrySet().stream()
                .allMatch(h -> h.getValue().equals(call.header(h.getKey())))).findFirst();
    }

    /** An identity whose credentials differ from the call's, preferring one the state does not name. */
    Optional<Identity> secondIdentity(Call call, String stateText) {
        Optional<Identity> owner = identityOf(call);
        return spec.identities().stream()
                .filter(i -> owner.isEmpty() || !i.name().equals(owner.get().name()))
                .filter(i -> i.headers().entrySet().stream().anyMatch(h -> !h.getValue().equals(call.header(h.getKey()))))
                .filter(i -> !Words.names(stateText, i.name()))
                .findFirst();
    }

    /** The request as a report shows it: credential headers redacted, a long body cut. */
    ProbeResult.Request shown(Call call) {
        Map<String, String> headers = new LinkedHashMap<>();
        call.headers().forEach((k, v) -> headers.put(k, Call.contains(credentialHeaders, k) ? redacted(k, v) : v));
        return new ProbeResult.Request(call.method(), call.uri().toString(), headers, Reply.excerpt(call.body()));
    }

    private String redacted(String header, String value) {
        for (Identity i : spec.identities()) {
            for (Map.Entry<String, String> h : i.headers().entrySet()) {
                if (h.getKey().equalsIgnoreCase(header) && h.getValue().equals(value)) {
                    return "<credentials of " + i.name() + ">";
                }
            }
        }
        return value.contains(AuthenticationProbes.UNKNOWN) ? "<unknown credentials>" : "<redacted>";
    }

    /** The operation is one the environment declares public (no authentication probes), however it is spelt. */
    boolean isPublic(String operation) {
        return spec.publicOperations().stream().anyMatch(p -> ApiOperations.covers(p, operation));
    }

    /** The provider's base URI. */
    URI provider() {
        return provider;
    }

    /**
     * The first interaction of each operation that succeeds, sends credentials and satisfies {@code also}: one
     * request per operation for the probes that judge an operation rather than an interaction.
     */
    List<ProbeSources.Source> onePerOperation(java.util.function.Predicate<ProbeSources.Source> also) {
        Map<String, ProbeSources.Source> out = new LinkedHashMap<>();
        for (ProbeSources.Source s : sources) {
            if (s.succeeds() && also.test(s)) {
                out.putIfAbsent(s.replay().operation(), s);
            }
        }
        return List.copyOf(out.values());
    }

    /** The call of {@code source} with fresh provider states, or null when the bounds cut it or a state failed. */
    Call freshCall(ProbeKind kind, ProbeSources.Source source) {
        Map<String, Object> state = begin(kind, source);
        return state == null ? null : call(source, state);
    }

    /** The GET interactions that read the resource at {@code pathTemplate} as its owner, best first. */
    List<ProbeSources.Source> readers(String pathTemplate) {
        String key = pathTemplate.replaceAll("\\{[^}/]*}", "{}");
        return sources.stream().filter(s -> s.template().method().equalsIgnoreCase("GET") && s.succeeds())
                .filter(s -> s.pathTemplate().replaceAll("\\{[^}/]*}", "{}").equals(key)).toList();
    }
}
