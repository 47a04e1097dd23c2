package dev.gauntlet.cache;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Validators honoured (RFC 9110 §13): an answer that offers an {@code ETag} is asked again with
 * {@code If-None-Match} carrying it and must be 304 with no body; asked with a validator the resource no longer has
 * (it changed since) it must be 200 with a body and its current {@code ETag}. The same with {@code Last-Modified}
 * and {@code If-Modified-Since} (a date long before it stands for a changed resource).
 */
final class Validators {
    /** A validator no resource has: the resource changed since the client stored it. */
    static final String STALE_ETAG = "\"gauntlet-changed-since\"";
    /** A date before any resource was last modified. */
    static final String LONG_AGO = "Mon, 01 Jan 1990 00:00:00 GMT";

    private Validators() {
    }

    /** Judges {@code answer}'s validators (nothing when it offers none), adding to {@code findings}. */
    static void check(Exchanges http, Exchanges.Request request, Exchanges.Answer answer, String where,
                      Findings findings) {
        String etag = answer.header("ETag");
        String lastModified = answer.header("Last-Modified");
        if (etag != null) {
            judge(http, request.with("If-None-Match", etag), true, "ETag", where, findings);
            judge(http, request.with("If-None-Match", STALE_ETAG), false, "ETag", where, findings);
        }
        if (lastModified != null) {
            judge(http, request.with("If-Modified-Since", lastModified), true, "Last-Modified", where, findings);
            judge(http, request.with("If-Modified-Since", LONG_AGO), false, "Last-Modified", where, findings);
        }
    }

    private static void judge(Exchanges http, Exchanges.Request conditional, boolean unchanged, String validator,
                              String where, Findings findings) {
        findings.judged++;
        Exchanges.Answer a;
        try {
            a = http.send(conditional);
        } catch (IOException e) {
            findings.add(where, "the conditional request got no answer: " + e.getMessage(),
                    conditional.shown());
            return;
        }
        if (a.status() == 429) {
            findings.judged--; // still rate limited after waiting: the API's caching was not seen, nothing to judge
            return;
        }
        List<String> wrong = new ArrayList<>();
        if (unchanged) {
            if (a.status() != 304) {
                wrong.add("answered " + a.status() + " to a request carrying its own " + validator
                        + " (the resource did not change): expected 304 Not Modified");
            } else if (a.body() != null && !a.body().isEmpty()) {
                wrong.add("answered 304 with a body of " + a.body().length() + " characters: a 304 has none");
            }
        } else if (a.status() != 200) {
            wrong.add("answered " + a.status() + " to a request whose validator the resource no longer has "
                    + "(it changed): expected 200 with the resource");
        } else if (a.header(validator) == null) {
            wrong.add("answered 200 to a changed resource without its new " + validator);
        }
        if (!wrong.isEmpty()) {
            findings.add(where, conditional, a, String.join("; ", wrong));
        }
    }
}
