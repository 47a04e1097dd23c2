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
 */
public record ProbeResult(ProbeKind kind, String operation, String interaction, String probe, boolean passed,
                          String reason, Request request, Answer answer, Map<String, String> evidence,
                          boolean pending) {
    public ProbeResult {
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    /** A probe of a pact that is not pending. */
    public ProbeResult(ProbeKind kind, String operation, String interaction, String probe, boolean passed,
                       String reason, Request request, Answer answer, Map<String, String> evidence) {
        this(kind, operation, interaction, probe, passed, reason, request, answer, evidence, false);
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
        return kind.title() + " " + operation + " (" + probe + "): " + reason;
    }
}
