package dev.gauntlet.demo;

import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seeded {@code leak-memory} defect: an audit trail that keeps an entry for every answered API request in a map
 * keyed by request number, "until it is shipped" — but nothing ever ships or evicts it. Each entry holds the request
 * line, its headers and the answer's status and body, built in a {@value #ENTRY_BUFFER}-character buffer that is
 * kept whole: a few KB retained per request, forever, as a cache without eviction does.
 */
final class AuditTrail {
    /** Characters of the buffer each entry is built in and kept with. */
    static final int ENTRY_BUFFER = 4096;

    private final Map<Long, StringBuilder> pending = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    /** Keeps the entry of one answered request (a Javalin after-handler). */
    void keep(Context ctx) {
        if (ctx.path().equals("/health")) {
            return;
        }
        StringBuilder entry = new StringBuilder(ENTRY_BUFFER);
        entry.append(System.currentTimeMillis()).append(' ').append(ctx.method()).append(' ').append(ctx.path())
                .append(" -> ").append(ctx.statusCode()).append('\n');
        ctx.headerMap().forEach((k, v) -> entry.append(k).append(": ").append(v).append('\n'));
        String body = ctx.result();
        if (body != null) {
            entry.append(body, 0, Math.min(body.length(), ENTRY_BUFFER / 2));
        }
        pending.put(requests.incrementAndGet(), entry); // never removed: the shipper that should was never written
    }

    /** Entries held. */
    int size() {
        return pending.size();
    }
}
