package dev.gauntlet.prometheus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Pushes one group of series to a Prometheus Pushgateway with {@code PUT} (the group's earlier series are replaced, so
 * an operation a run no longer has does not linger). The whole push, connection included, is bounded by the spec's
 * timeout; credentials come from environment variables named in the spec and never appear in a message.
 */
public final class Pushgateway {
    private final PrometheusSpec spec;
    private final Function<String, String> env;

    /**
     * @param env reads an environment variable ({@code System::getenv}); null when it is not set
     */
    public Pushgateway(PrometheusSpec spec, Function<String, String> env) {
        this.spec = spec;
        this.env = env;
    }

    /**
     * What a push did.
     *
     * @param ok      whether the gateway took the series
     * @param message one line: where it went, or why not
     */
    public record Result(boolean ok, String message) {
    }

    /** The grouping key of this spec's pushes: job, environment, plan and the file's labels, in that order. */
    public Map<String, String> groupingKey(String environment, String plan) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("job", spec.job());
        key.put("environment", environment);
        key.put("plan", plan);
        key.putAll(spec.labels());
        return key;
    }

    /**
     * The group's URL: every label value base64url-encoded ({@code label@base64/value}), so values with slashes or
     * spaces (operation names, paths) are safe.
     */
    public URI groupUrl(Map<String, String> groupingKey) {
        String base = spec.pushgateway().toString();
        StringBuilder url = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .append("/metrics");
        groupingKey.forEach((name, value) -> url.append('/').append(name).append("@base64/").append(value.isEmpty()
                ? "=" : Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return URI.create(url.toString());
    }

    /** Replaces the group's series with {@code body} (text format 0.0.4). Never throws. */
    public Result push(Map<String, String> groupingKey, String body) {
        URI url = groupUrl(groupingKey);
        String where = "Pushgateway " + spec.pushgateway();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(spec.timeout())
                .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String problem = authorize(request);
        if (problem != null) {
            return new Result(false, "not pushed to " + where + ": " + problem);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(spec.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = sent.get(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 == 2) {
                return new Result(true, "pushed to " + where);
            }
            return new Result(false, "push to " + where + " answered HTTP " + response.statusCode()
                    + tail(response.body()));
        } catch (TimeoutException e) {
            sent.cancel(true);
            return new Result(false, noAnswer(where));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) { // the client's own timeout, a hair earlier
                return new Result(false, noAnswer(where));
            }
            return new Result(false, "push to " + where + " failed: " + describe(cause));
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            return new Result(false, "push to " + where + " was interrupted");
        }
    }

    /** Sets the Authorization header from the named variables; returns what is missing, or null. */
    private String authorize(HttpRequest.Builder request) {
        if (spec.bearerTokenEnv() != null) {
            String token = env.apply(spec.bearerTokenEnv());
            if (token == null || token.isBlank()) {
                return "environment variable " + spec.bearerTokenEnv() + " (prometheus.bearerTokenEnv) is not set";
            }
            request.header("Authorization", "Bearer " + token.trim());
        } else if (spec.usernameEnv() != null) {
            String user = env.apply(spec.usernameEnv());
            String password = env.apply(spec.passwordEnv());
            if (user == null || password == null) {
                return "environment variable " + (user == null ? spec.usernameEnv() + " (prometheus.usernameEnv)"
                        : spec.passwordEnv() + " (prometheus.passwordEnv)") + " is not set";
            }
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return null;
    }

    private String noAnswer(String where) {
        return "push to " + where + " got no answer within " + seconds(spec.timeout())
                + " (prometheus.timeout): is the gateway up and reachable?";
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        if (t instanceof java.net.ConnectException) {
            return "connection refused or unreachable (" + (m == null ? name : m) + "): is the gateway up and "
                    + "listening there?";
        }
        return m == null || m.isBlank() ? name : name + ": " + m;
    }

    private static String tail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String one = body.strip().replaceAll("\\s+", " ");
        return ": " + (one.length() > 300 ? one.substring(0, 300) + " …" : one);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
