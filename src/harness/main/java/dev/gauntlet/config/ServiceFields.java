package dev.gauntlet.config;

import dev.gauntlet.environment.Readiness;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the parts of a service that say how it is reached: {@code health} (its {@link Readiness}: an HTTP path, its
 * port, or a command) and {@code dependsOn}, whose items are a service's name or
 * {@code {service: NAME, through: proxy}} — an edge through the gate's TCP proxy, where network faults act.
 */
final class ServiceFields {
    /** The one way a dependency edge can be routed today. */
    static final String PROXY = "proxy";
    private static final String HEALTH_EXPECTED = "expected an HTTP path starting with '/' (answers 2xx), 'port' (its "
            + "port accepts a TCP connection) or {command: [program, args...]} (exits 0, e.g. pg_isready)";

    private ServiceFields() {
    }

    static Readiness readiness(Node service) {
        Node health = service.field("health");
        if (!service.has("health")) {
            throw health.error("is required: " + HEALTH_EXPECTED);
        }
        if (health.isMapping()) {
            health.only(Set.of("command"));
            List<String> command = health.texts("command");
            if (command.isEmpty()) {
                throw health.field("command").error("expected a non-empty list: program and arguments, e.g. "
                        + "[pg_isready, -h, 127.0.0.1, -p, \"${port}\"]");
            }
            return new Readiness.Command(command);
        }
        String text = health.text();
        if (text.equals("port")) {
            return new Readiness.Port();
        }
        if (!text.startsWith("/")) {
            throw health.error(HEALTH_EXPECTED + ", got '" + text + "'");
        }
        return new Readiness.Http(text);
    }

    /** The names in {@code dependsOn}, in file order. */
    static List<String> dependsOn(Node service) {
        List<String> names = new ArrayList<>();
        for (Node item : service.list("dependsOn")) {
            names.add(item.isMapping() ? edge(item) : item.text());
        }
        return names;
    }

    /** The dependencies of {@code dependsOn} marked {@code through: proxy}. */
    static List<String> proxied(Node service) {
        List<String> names = new ArrayList<>();
        for (Node item : service.list("dependsOn")) {
            if (item.isMapping() && item.has("through")) {
                names.add(edge(item));
            }
        }
        return names;
    }

    private static String edge(Node item) {
        item.only(Set.of("service", "through"));
        String through = item.text("through", PROXY);
        if (!through.equals(PROXY)) {
            throw item.field("through").error("expected '" + PROXY + "' (the gate's TCP proxy between the two "
                    + "services, where network faults act), got '" + through + "'");
        }
        return item.text("service");
    }
}
