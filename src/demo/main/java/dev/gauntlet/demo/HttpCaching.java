package dev.gauntlet.demo;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP caching of the Orders API's GET answers: every answer carries a strong {@code ETag} (a hash of its body)
 * and is answered 304 with no body when the request's {@code If-None-Match} names it; answers for one customer are
 * {@code Cache-Control: private, no-cache} (a browser may keep them and must revalidate; a shared cache never stores
 * them), the catalogue {@code private, max-age=30} (the same for everyone, but asked for with an API key).
 * Seeded defects: {@code public-cache}, {@code etag-ignored}, {@code cache-ignores-caller}.
 */
final class HttpCaching {
    /** How long the {@code cache-ignores-caller} defect keeps an answer. */
    static final Duration SHARED_FOR = Duration.ofSeconds(1);

    /** Who may keep an answer. */
    enum Scope {
        /** One customer's data. */
        CUSTOMER("private, no-cache"),
        /** The same for every customer. */
        CATALOGUE("private, max-age=30");

        final String cacheControl;

        Scope(String cacheControl) {
            this.cacheControl = cacheControl;
        }
    }

    private record Kept(long until, String body) {
    }

    private final OrdersApiSettings settings;
    /** The {@code cache-ignores-caller} defect's cache: keyed by the URL only, not by who asks. */
    private final ConcurrentHashMap<String, Kept> byUrl = new ConcurrentHashMap<>();

    HttpCaching(OrdersApiSettings settings) {
        this.settings = settings;
    }

    /** Answers 200 with {@code body} as JSON, or 304 when the client's copy is current. */
    void respond(Context ctx, Object body, Scope scope) {
        String fresh = Json.write(body);
        String json = fresh;
        if (scope == Scope.CUSTOMER && settings.has(Defect.CACHE_IGNORES_CALLER)) {
            String url = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            long now = System.currentTimeMillis();
            Kept kept = byUrl.compute(url, (k, v) -> v != null && v.until() > now ? v
                    : new Kept(now + SHARED_FOR.toMillis(), fresh));
            json = kept.body();
        }
        String etag = "\"" + hash(json) + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", scope == Scope.CUSTOMER && settings.has(Defect.PUBLIC_CACHE)
                ? "public, max-age=60" : scope.cacheControl);
        if (settings.has(Defect.ETAG_IGNORED)) { // written past Javalin, which would honour the ETag on its own
            byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ctx.status(200).contentType(Json.JSON);
            ctx.res().setContentLength(bytes.length);
            try {
                ctx.res().getOutputStream().write(bytes);
                ctx.res().flushBuffer();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(Json.JSON).result(json);
    }

    /** Whether an {@code If-None-Match} list names {@code etag} (weak comparison, RFC 9110 §13.1.2), or is *. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.replaceFirst("^W/", "").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String hash(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
