package dev.gauntlet.load;

import io.gatling.http.response.Response;
import io.gatling.javaapi.core.Session;

/**
 * One virtual user's request on its way, kept in the user's session from its first request on: the step before a
 * request sets its start, the answer (if any) its status and timing, the step after records it. Mutable, so a request
 * costs no copy of Gatling's immutable session; a user's steps run one after the other (Gatling hands a user from
 * thread to thread through Netty's task queues, which orders these writes before the next step's reads).
 */
final class InFlight {
    /** When the visit (the user's scenario) started: its phase counts the visit. */
    final long visit;
    /** When the current request was sent, epoch millis. */
    long start;
    /** The answer's HTTP status; 0 until (unless) one arrives. */
    int status;
    /** Gatling's response time of the answer (last of a redirect chain), whole milliseconds. */
    long millis;
    /** Whether the answer (a 429) said when to retry. */
    boolean retryAfter;

    InFlight(long visit) {
        this.visit = visit;
    }

    /** The user's, or null before its first request. */
    static InFlight of(Session session, String key) {
        return session.contains(key) ? session.get(key) : null;
    }

    /** A request leaves now: no answer yet. */
    void send(long now) {
        start = now;
        status = 0;
    }

    /** Its answer, or one hop of a redirect chain (the last one read wins, as Gatling's checks see it). */
    void answer(Response response) {
        status = response.status().code();
        millis = response.endTimestamp() - response.startTimestamp();
        retryAfter = status == 429 && response.headers().contains("Retry-After");
    }
}
