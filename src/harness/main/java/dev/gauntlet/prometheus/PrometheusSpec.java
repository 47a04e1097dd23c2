package dev.gauntlet.prometheus;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each run's figures go in Prometheus: a Pushgateway the team's Prometheus scrapes (with
 * {@code honor_labels: true}). Read from the environment file's {@code prometheus:} block.
 *
 * @param enabled       whether to push at all ({@code false} without a {@code prometheus:} block)
 * @param pushgateway   the Pushgateway's base URL ({@code http://127.0.0.1:9091}, a path prefix allowed), or null
 *                      when not enabled
 * @param job           the {@code job} label of the pushed group
 * @param labels        further labels put on every series (in the grouping key), e.g. {@code team: shop}
 * @param timeout       the most a push may take, connection included: a slow or unreachable gateway cannot hang
 *                      the gate
 * @param usernameEnv   environment variable holding the basic-auth user name, or null
 * @param passwordEnv   environment variable holding the basic-auth password, or null
 * @param bearerTokenEnv environment variable holding a bearer token, or null
 */
public record PrometheusSpec(boolean enabled, URI pushgateway, String job, Map<String, String> labels,
                             Duration timeout, String usernameEnv, String passwordEnv, String bearerTokenEnv) {
    /** The default {@code job} label. */
    public static final String DEFAULT_JOB = "gauntlet";
    /** The default push timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** No export: the environment file has no {@code prometheus:} block. */
    public static final PrometheusSpec OFF = new PrometheusSpec(false, null, DEFAULT_JOB, Map.of(), DEFAULT_TIMEOUT,
            null, null, null);

    public PrometheusSpec {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        if (enabled && pushgateway == null) {
            throw new IllegalArgumentException("an enabled Prometheus export needs a Pushgateway URL");
        }
    }

    /** For people: where the figures go, with which labels, and how the push authenticates (never the secret). */
    public String describe() {
        if (!enabled) {
            return "off";
        }
        String auth = bearerTokenEnv != null ? "; bearer token from $" + bearerTokenEnv
                : usernameEnv != null ? "; basic auth from $" + usernameEnv + ", $" + passwordEnv : "";
        return "push to Pushgateway " + pushgateway + " at the end of the run: job " + job
                + (labels.isEmpty() ? "" : ", labels " + labels) + "; timeout " + timeout.toMillis() + " ms" + auth;
    }
}
