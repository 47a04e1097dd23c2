package dev.gauntlet.config;

import dev.gauntlet.prometheus.Exposition;
import dev.gauntlet.prometheus.PrometheusSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code prometheus:}, the optional export of every run's figures to a Prometheus Pushgateway. */
final class PrometheusFields {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private PrometheusFields() {
    }

    static PrometheusSpec prometheus(Node root) {
        if (!root.has("prometheus")) {
            return PrometheusSpec.OFF;
        }
        Node p = root.object("prometheus").only(Set.of("enabled", "pushgateway", "job", "labels", "timeout",
                "usernameEnv", "passwordEnv", "bearerTokenEnv"));
        boolean enabled = p.bool("enabled", true);
        if (!enabled) {
            return PrometheusSpec.OFF;
        }
        if (!p.has("pushgateway")) {
            throw p.field("pushgateway").error("is required: the Pushgateway's URL, such as http://127.0.0.1:9091 "
                    + "(or set prometheus.enabled: false)");
        }
        URI url = url(p.field("pushgateway"), p.text("pushgateway").trim());
        String job = p.text("job", PrometheusSpec.DEFAULT_JOB).trim();
        if (job.isEmpty()) {
            throw p.field("job").error("expected a job name such as gauntlet, got nothing");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (p.has("labels")) {
            for (Map.Entry<String, Node> e : p.object("labels").entries().entrySet()) {
                String name = e.getKey();
                Node at = e.getValue();
                if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                    throw at.error("'" + name + "' is not a Prometheus label name (letters, digits and _, not "
                            + "starting with a digit or __), such as team");
                }
                if (Exposition.RESERVED_LABELS.contains(name)) {
                    throw at.error("'" + name + "' is a label the export sets itself; choose another name (reserved: "
                            + String.join(", ", Exposition.RESERVED_LABELS) + ")");
                }
                String value = at.text().trim();
                if (value.isEmpty()) {
                    throw at.error("expected a label value such as shop, got nothing");
                }
                labels.put(name, value);
            }
        }
        Duration timeout = p.duration("timeout", PrometheusSpec.DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw p.field("timeout").error("expected a positive duration such as 5s");
        }
        String user = VariableNames.read(p, "usernameEnv", "PUSHGATEWAY_USER");
        String password = VariableNames.read(p, "passwordEnv", "PUSHGATEWAY_PASSWORD");
        String token = VariableNames.read(p, "bearerTokenEnv", "PUSHGATEWAY_TOKEN");
        if ((user == null) != (password == null)) {
            throw p.field(user == null ? "usernameEnv" : "passwordEnv").error("basic auth needs both usernameEnv and "
                    + "passwordEnv: the names of the environment variables that hold them");
        }
        if (user != null && token != null) {
            throw p.field("bearerTokenEnv").error("choose one way to authenticate: basic auth (usernameEnv, "
                    + "passwordEnv) or a bearer token (bearerTokenEnv), not both");
        }
        return new PrometheusSpec(true, url, job, labels, timeout, user, password, token);
    }

    private static URI url(Node at, String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw at.error("expected the Pushgateway's URL such as http://127.0.0.1:9091, got '" + raw + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw at.error("expected an http(s) URL with a host and no query, such as http://127.0.0.1:9091, got '"
                    + raw + "'");
        }
        return uri;
    }
}
