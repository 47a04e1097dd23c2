package dev.gauntlet.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends the probes' requests to the provider, on loopback only. A 429 is waited out (its {@code Retry-After}, at most
 * 2 s, up to 5 times): the probes judge the API's answer, not its rate limit.
 */
final class ProbeHttp implements AutoCloseable {
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int RATE_LIMIT_RETRIES = 5;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private int requests;
    private volatile boolean closed;

    /**
     * @throws IllegalArgumentException when {@code provider} is not on loopback (the probes never leave it)
     */
    static void requireLoopback(URI provider) {
        try {
            if (!InetAddress.getByName(provider.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("security probes only run against loopback; the provider is at "
                        + provider);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("security probes: unknown provider host " + provider.getHost());
        }
    }

    HttpClient client() {
        return client;
    }

    /** How many requests the probes sent (state set-ups aside). */
    int requests() {
        return requests;
    }

    /** Whether {@link #close()} was called: nothing more is sent. */
    boolean closed() {
        return closed;
    }

    /**
     * Sends nothing more from now on; on JDK 21 and later also shuts the client down at once (its requests under way
     * end), on 17 the client is left to the collector.
     */
    @Override
    public void close() {
        closed = true;
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // JDK 17 has no shutdownNow: nothing more is sent either way
        }
    }

    Reply send(Call call) {
        requireLoopback(call.uri());
        if (closed) {
            return new Reply(0, Map.of(), "", "probes stopped");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(REQUEST_TIMEOUT)
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        call.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                b.header(name, value);
            }
        });
        HttpRequest request = b.build();
        for (int attempt = 0; ; attempt++) {
            requests++;
            Reply reply = once(request);
            if (reply.status() != 429 || attempt >= RATE_LIMIT_RETRIES || closed) {
                return reply;
            }
            sleep(retryAfter(reply));
        }
    }

    private Reply once(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
            return new Reply(r.statusCode(), headers, r.body(), null);
        } catch (HttpTimeoutException e) {
            return new Reply(0, Map.of(), "", "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new Reply(0, Map.of(), "", "connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, Map.of(), "", "interrupted");
        }
    }

    private static long retryAfter(Reply reply) {
        try {
            return Math.min(2000, Math.max(100, Long.parseLong(reply.headers().getOrDefault("retry-after", "1").trim()) * 1000));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names of headers that carry credentials when the environment declares no identities. */
    static final List<String> WELL_KNOWN_CREDENTIALS = List.of("Authorization", "Cookie", "X-API-Key", "Api-Key",
            "Proxy-Authorization");
}
