package dev.gauntlet.environment;

import dev.gauntlet.network.TcpProxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The services an environment has started, in start order, the one under test, and the gate's TCP proxies in front
 * of the services that another reaches {@code through: proxy}.
 */
final class StartedServices {
    private final List<RunningService> started = new ArrayList<>();
    private final Map<String, TcpProxy> proxies = new LinkedHashMap<>();
    private RunningService underTest;

    /**
     * Starts {@code specs} in order with {@code start}, and a proxy in front of each service a later one reaches
     * through it, once that service is ready; when one cannot start, {@code close} stops what was started and the
     * failure is thrown on.
     */
    void startAll(List<ServiceSpec> specs, Function<ServiceSpec, RunningService> start, Runnable close) {
        try {
            for (ServiceSpec s : specs) {
                RunningService running = start.apply(s);
                started.add(running);
                if (s.underTest()) {
                    underTest = running;
                }
                if (specs.stream().anyMatch(other -> other.proxied().contains(s.name()))) {
                    synchronized (proxies) {
                        proxies.put(s.name(), TcpProxy.start(s.name(), running.url().getPort()));
                    }
                }
            }
        } catch (RuntimeException e) {
            close.run();
            throw e;
        }
    }

    /**
     * {@code values} with {@code services.NAME.url} and {@code services.NAME.port} of every service started so far,
     * as {@code dependent} sees them: a dependency it reaches through the proxy has the proxy's port.
     */
    Map<String, String> placeholders(ServiceSpec dependent, Map<String, String> values) {
        Placeholders.withServices(values, started);
        synchronized (proxies) {
            for (String d : dependent.proxied()) {
                TcpProxy p = proxies.get(d);
                if (p != null) {
                    values.put("services." + d + ".url", "http://127.0.0.1:" + p.port());
                    values.put("services." + d + ".port", Integer.toString(p.port()));
                }
            }
        }
        return values;
    }

    TcpProxy proxy(String service) {
        synchronized (proxies) {
            TcpProxy p = proxies.get(service);
            if (p == null) {
                throw new IllegalArgumentException("no service reaches '" + service + "' through the gate's proxy (have: "
                        + (proxies.isEmpty() ? "none" : String.join(", ", proxies.keySet()))
                        + "): write dependsOn: [{service: " + service + ", through: proxy}] in the service that calls it");
            }
            return p;
        }
    }

    /** Closes the proxies (idempotent): their clients see every connection cut. */
    void closeProxies() {
        synchronized (proxies) {
            proxies.values().forEach(TcpProxy::close);
        }
    }

    List<RunningService> all() {
        return List.copyOf(started);
    }

    RunningService underTest() {
        return underTest;
    }
}
