package dev.gauntlet.environment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Fills {@code ${name}} placeholders of service commands and picks free ports; shared by every kind of environment. */
final class Placeholders {
    private Placeholders() {
    }

    /**
     * Replaces every {@code ${key}} in {@code template} with its value.
     *
     * @throws EnvironmentException naming {@code service} for an unclosed or unknown placeholder
     */
    static String fill(String template, Map<String, String> values, String service) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("${", i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new EnvironmentException(service, "has an unclosed placeholder in '" + template + "'", "");
            }
            String key = template.substring(open + 2, close);
            String value = values.get(key);
            if (value == null) {
                throw new EnvironmentException(service, "uses unknown placeholder ${" + key + "} (known: "
                        + values.keySet().stream().sorted().map(k -> "${" + k + "}").collect(Collectors.joining(", "))
                        + "; a service's url is known only after it started: check dependsOn)", "");
            }
            out.append(template, i, open).append(value);
            i = close + 1;
        }
        return out.toString();
    }

    /** Adds {@code services.NAME.url} and {@code services.NAME.port} of every started service to {@code values}. */
    static Map<String, String> withServices(Map<String, String> values, List<RunningService> started) {
        for (RunningService r : started) {
            values.put("services." + r.name() + ".url", r.url().toString());
            values.put("services." + r.name() + ".port", Integer.toString(r.url().getPort()));
        }
        return values;
    }

    /** A port on 127.0.0.1 that is free right now. */
    static int freePort() {
        for (int attempt = 0; ; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port on 127.0.0.1", e);
            }
            // services start concurrently: a port handed out a moment ago, not yet bound by its service, is not reused
            synchronized (HANDED_OUT) {
                if (HANDED_OUT.add(port) || attempt >= 20) {
                    if (HANDED_OUT.size() > 4096) {
                        HANDED_OUT.clear();
                        HANDED_OUT.add(port);
                    }
                    return port;
                }
            }
        }
    }

    /** Ports {@link #freePort} handed out in this JVM. */
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();
}
