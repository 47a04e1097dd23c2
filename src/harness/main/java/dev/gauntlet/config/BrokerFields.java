package dev.gauntlet.config;

import dev.gauntlet.contract.BrokerSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code contracts.broker}: the Pact Broker's URL, the NAMES of the environment variables holding its
 * credentials, the consumer version selectors, pending and work-in-progress pacts, and what to publish.
 * <pre>
 * contracts:
 *   broker:
 *     url: https://broker.example.com
 *     token: PACT_BROKER_TOKEN            # or username: / password: (variable names)
 *     selectors: [mainBranch, deployedOrReleased, {branch: feature-x}]
 *     enablePending: true
 *     includeWipPactsSince: 2026-01-01
 *     providerVersion: ${GIT_COMMIT}
 *     providerBranch: ${BRANCH_NAME}
 *     publishResults: true
 * </pre>
 */
final class BrokerFields {
    /** Selector keys whose value is true/false, and those the shorthand (a bare word) may name. */
    private static final Set<String> FLAGS = Set.of("mainBranch", "matchingBranch", "deployedOrReleased", "deployed",
            "released", "latest");
    private static final Set<String> SHORTHAND = Set.of("mainBranch", "matchingBranch", "deployedOrReleased");
    private static final Set<String> TEXTS = Set.of("branch", "fallbackBranch", "environment", "tag", "fallbackTag",
            "consumer");

    private BrokerFields() {
    }

    /** The broker of {@code contracts}, or null when it names none. */
    static BrokerSpec broker(Node contracts) {
        if (!contracts.has("broker")) {
            return null;
        }
        Node b = contracts.object("broker").only(Set.of("url", "token", "username", "password", "selectors",
                "enablePending", "includeWipPactsSince", "providerVersion", "providerBranch", "publishResults"));
        URI url = url(b);
        String token = VariableNames.read(b, "token", "PACT_BROKER_TOKEN");
        String username = VariableNames.read(b, "username", "PACT_BROKER_USERNAME");
        String password = VariableNames.read(b, "password", "PACT_BROKER_PASSWORD");
        if (token != null && username != null) {
            throw b.field("username").error("give either token or username/password, not both");
        }
        if ((username == null) != (password == null)) {
            throw b.field(username == null ? "username" : "password").error("is required with "
                    + (username == null ? "password" : "username") + " (the names of the variables holding them)");
        }
        boolean pending = b.bool("enablePending", false);
        String wip = b.has("includeWipPactsSince") ? b.text("includeWipPactsSince").trim() : null;
        if (wip != null) {
            if (!pending) {
                throw b.field("includeWipPactsSince").error("work-in-progress pacts are pending pacts: it needs "
                        + "enablePending: true");
            }
            date(b.field("includeWipPactsSince"), wip);
        }
        String version = b.has("providerVersion") ? b.text("providerVersion").trim() : null;
        boolean publish = b.bool("publishResults", false);
        if (publish && (version == null || version.isEmpty())) {
            throw b.field("providerVersion").error("is required with publishResults: true (the provider version "
                    + "the results are for, e.g. ${GIT_COMMIT})");
        }
        String branch = b.has("providerBranch") ? b.text("providerBranch").trim() : null;
        return new BrokerSpec(url, token, username, password, selectors(b), pending, wip, version, branch, publish);
    }

    private static URI url(Node b) {
        String text = b.text("url").trim();
        try {
            URI url = new URI(text);
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw b.field("url").error("expected the broker's http(s) base URL such as https://broker.example.com, "
                        + "got '" + text + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            throw b.field("url").error("expected the broker's http(s) base URL, got '" + text + "': " + e.getReason());
        }
    }

    private static List<Map<String, Object>> selectors(Node b) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Node n : b.list("selectors")) {
            Map<String, Object> selector = new LinkedHashMap<>();
            if (!n.isMapping()) {
                String word = n.text().trim();
                if (!SHORTHAND.contains(word)) {
                    throw n.error("expected one of " + String.join(", ", SHORTHAND.stream().sorted().toList())
                            + " or a mapping such as {branch: main} or {deployed: true, environment: production}, got '"
                            + word + "'");
                }
                selector.put(word, true);
            } else {
                Set<String> keys = new java.util.TreeSet<>(FLAGS);
                keys.addAll(TEXTS);
                n.only(keys);
                for (Map.Entry<String, Node> e : n.entries().entrySet()) {
                    if (FLAGS.contains(e.getKey())) {
                        selector.put(e.getKey(), n.bool(e.getKey(), true));
                    } else {
                        selector.put(e.getKey(), e.getValue().text());
                    }
                }
                if (selector.isEmpty()) {
                    throw n.error("an empty selector selects nothing");
                }
                if ((selector.containsKey("deployed") || selector.containsKey("released"))
                        && !selector.containsKey("environment")) {
                    throw n.error("deployed/released need an environment (such as environment: production)");
                }
            }
            out.add(selector);
        }
        return out;
    }

    private static void date(Node n, String text) {
        try {
            LocalDate.parse(text);
        } catch (DateTimeParseException notADate) {
            try {
                OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw n.error("expected a date such as 2026-01-01 (or a date-time with offset), got '" + text + "'");
            }
        }
    }
}
