package dev.gauntlet.cache;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Sends the cache checks' requests and keeps what the evidence shows of them. */
final class Exchanges {
    /** Headers the JDK's client sets itself and refuses. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    /** Answer headers the evidence shows. */
    private static final List<String> SHOWN = List.of("Cache-Control", "ETag", "Last-Modified", "Vary", "Expires",
            "Content-Length");

    private final HttpClient client;
    private final Duration timeout;

    Exchanges(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** A GET as sent. */
    record Request(String method, URI uri, Map<String, String> headers) {
        Request {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /** This request with {@code name} set to {@code value}. */
        Request with(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Request(method, uri, h);
        }

        /** Method and URI, and the names of the headers sent (credential values stay out of the evidence). */
        Map<String, Object> shown() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("request", method + " " + uri);
            Map<String, String> h = new LinkedHashMap<>();
            headers.forEach((k, v) -> h.put(k, k.toLowerCase(Locale.ROOT).startsWith("if-") ? v : "…"));
            out.put("headers", h);
            return out;
        }
    }

    /** An answer: status, headers (first value of each, any case) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        /** Status, the caching headers and the body's length. */
        Map<String, Object> shown() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", status);
            Map<String, String> h = new LinkedHashMap<>();
            for (String name : SHOWN) {
                String v = CachePolicy.header(headers, name);
                if (v != null) {
                    h.put(name, v);
                }
            }
            out.put("headers", h);
            out.put("bodyLength", body == null ? 0 : body.length());
            return out;
        }

        String header(String name) {
            return CachePolicy.header(headers, name);
        }
    }

    /**
     * Sends {@code r}; a 429 is waited out (its {@code Retry-After}, at most 2 s, up to 5 times) as the security
     * probes do: the caching checks judge the API's caching, not its rate limit. A 429 that stays is returned.
     */
    Answer send(Request r) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Answer a = once(r);
            if (a.status() != 429 || attempt >= RATE_LIMIT_RETRIES) {
                return a;
            }
            try {
                Thread.sleep(retryAfterMillis(a.header("Retry-After")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private static final int RATE_LIMIT_RETRIES = 5;

    static long retryAfterMillis(String retryAfter) {
        try {
            return Math.min(2000, Math.max(100, Long.parseLong(retryAfter == null ? "1" : retryAfter.trim()) * 1000));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private Answer once(Request r) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(r.uri()).timeout(timeout).method(r.method(),
                HttpRequest.BodyPublishers.noBody());
        r.headers().forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
                b.header(k, v);
            }
        });
        HttpResponse<String> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((k, v) -> {
            if (!v.isEmpty() && !k.startsWith(":")) {
                headers.put(k, v.get(0));
            }
        });
        return new Answer(response.statusCode(), headers, response.body());
    }
}
