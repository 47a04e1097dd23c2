package dev.gauntlet.environment;

import dev.gauntlet.network.TcpProxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
     * Starts every service of {@code specs} (in start order: each after what it depends on) with {@code start} as
     * soon as the services it needs are ready, so services that need nothing of each other start together; a service
     * needs those in its {@code dependsOn} and those its command or environment names in a
     * {@code ${services.NAME.…}} placeholder. A proxy goes in front of each service a later one reaches through it,
     * once that service is ready. When one cannot start, what is starting is waited for, {@code close} stops
     * everything, and the failure of the first service in start order that failed is thrown on.
     */
    void startAll(List<ServiceSpec> specs, Function<ServiceSpec, RunningService> start, Runnable close) {
        Map<String, CompletableFuture<RunningService>> ready = new LinkedHashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gauntlet-service-start");
            t.setDaemon(true);
            return t;
        });
        try {
            for (ServiceSpec s : specs) {
                CompletableFuture<?>[] needs = needs(s, specs).stream().map(ready::get).filter(Objects::nonNull)
                        .toArray(CompletableFuture[]::new); // a placeholder for a later service is not filled
                ready.put(s.name(), CompletableFuture.allOf(needs).thenApplyAsync(none -> {
                    RunningService running = start.apply(s);
                    if (specs.stream().anyMatch(other -> other.proxied().contains(s.name()))) {
                        synchronized (proxies) {
                            proxies.put(s.name(), TcpProxy.start(s.name(), running.url().getPort()));
                        }
                    }
                    synchronized (started) {
                        started.add(running);
                    }
                    return running;
                }, pool));
            }
            RuntimeException failure = null;
            for (ServiceSpec s : specs) {
                try {
                    RunningService running = ready.get(s.name()).join();
                    if (s.underTest()) {
                        underTest = running;
                    }
                } catch (CompletionException | CancellationException e) {
                    // a service whose dependency failed carries that failure: the first in start order is the cause
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
                    }
                }
            }
            if (failure != null) {
                close.run();
                throw failure;
            }
            synchronized (started) { // the start order, whatever order they became ready in
                List<String> order = specs.stream().map(ServiceSpec::name).toList();
                started.sort(java.util.Comparator.comparingInt(r -> order.indexOf(r.name())));
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The services {@code s} needs ready before it starts: its dependsOn and the services its placeholders name. */
    static List<String> needs(ServiceSpec s, List<ServiceSpec> specs) {
        List<String> out = new ArrayList<>(s.dependsOn());
        String text = String.join("\n", s.command()) + "\n" + String.join("\n", s.env().values());
        for (ServiceSpec other : specs) {
            if (!other.name().equals(s.name()) && !out.contains(other.name())
                    && text.contains("${services." + other.name() + ".")) {
                out.add(other.name());
            }
        }
        return out;
    }

    /**
     * {@code values} with {@code services.NAME.url} and {@code services.NAME.port} of every service started so far,
     * as {@code dependent} sees them: a dependency it reaches through the proxy has the proxy's port.
     */
    Map<String, String> placeholders(ServiceSpec dependent, Map<String, String> values) {
        synchronized (started) {
            Placeholders.withServices(values, started);
        }
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
        synchronized (started) {
            return List.copyOf(started);
        }
    }

    RunningService underTest() {
        return underTest;
    }
}
