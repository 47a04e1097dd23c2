package dev.gauntlet.probe;

import java.util.Map;

/**
 * One probe: what was sent, what came back, and why it passed or failed.
 *
 * @param kind        which kind of probe
 * @param operation   the operation probed ({@code DELETE /orders/{id}})
 * @param interaction the contract interaction it was derived from ({@code storefront / a request to cancel ...})
 * @param probe       what was changed from the interaction ({@code as bob instead of alice}, {@code without $.sku})
 * @param passed      whether the API behaved
 * @param reason      why it failed (what was expected, what happened), or what passing meant
 * @param request     the request sent, credentials redacted
 * @param answer      the answer
 * @param evidence    further observations (the resource read back before and after …), may be empty
 * @param pending     whether the interaction's pact is pending on the Pact Broker: a failure WARNs, never FAILs
 * @param warning     for a probe that passed: what is unusual about the answer (a refusal with 401 where 403 or 404
 *                    was due) — a WARN about semantics, never a FAIL; else null
 * @param accepted    for a failing probe the findings baseline ({@code security.baseline}) lists: the entry's reason
 *                    and expiry — it WARNs instead of FAILing; else null
 * @param during      the fault of the schedule that was on while the probe ran ({@code security.duringFaults}), or
 *                    null for a probe at rest
 */
public record ProbeResult(ProbeKind kind, String operation, String interaction, String probe, boolean passed,
                          String reason, Request request, Answer answer, Map<String, String> evidence,
                          boolean pending, String warning, String accepted, String during) {
    public ProbeResult {
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    /** A probe of a pact that is not pending. */
    public ProbeResult(ProbeKind kind, String operation, String interaction, String probe, boolean passed,
                       String reason, Request request, Answer answer, Map<String, String> evidence) {
        this(kind, operation, interaction, probe, passed, reason, request, answer, evidence, false, null, null, null);
    }

    /** A failure that fails the gate: not of a pending pact, not accepted by the findings baseline. */
    public boolean firm() {
        return !passed && !pending && accepted == null;
    }

    /** A probe that passed with a WARN about the answer's semantics. */
    public boolean warns() {
        return passed && warning != null;
    }

    /**
     * How the findings baseline names this finding: kind, operation and probe, the same on every run
     * ({@code bola DELETE /orders/{id} as bob on a resource of alice}).
     */
    public String key() {
        return kind.field() + " " + operation + " " + probe + (during == null ? "" : " while " + during + " was on");
    }

    /** This finding, accepted by the findings baseline for {@code why}. */
    public ProbeResult acceptedFor(String why) {
        return new ProbeResult(kind, operation, interaction, probe, passed, reason, request, answer, evidence, pending,
                warning, why, during);
    }

    /** This probe with {@code why} as its warning when it passed (a WARN), else unchanged. */
    public ProbeResult warned(String why) {
        return new ProbeResult(kind, operation, interaction, probe, passed, reason, request, answer, evidence, pending,
                passed ? why : null, accepted, during);
    }

    /** This probe, run while {@code fault} was on. */
    public ProbeResult duringFault(String fault) {
        return new ProbeResult(kind, operation, interaction, probe, passed, reason, request, answer, evidence, pending,
                warning, accepted, fault);
    }

    /**
     * A request as the report shows it.
     *
     * @param headers credential headers redacted ({@code <credentials of bob>})
     * @param body    the body, cut to an excerpt when long, or null
     */
    public record Request(String method, String url, Map<String, String> headers, String body) {
        public Request {
            headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }
    }

    /**
     * An answer as the report shows it.
     *
     * @param status HTTP status, or 0 when no answer came (the reason says why)
     * @param body   an excerpt of the body
     */
    public record Answer(int status, String body) {
    }

    /** One line for the verdict's reasons and the console. */
    public String summary() {
        return kind.title() + " " + operation + " (" + probe + ")" + (during == null ? "" : " while " + during + " was on")
                + ": " + reason;
    }
}
