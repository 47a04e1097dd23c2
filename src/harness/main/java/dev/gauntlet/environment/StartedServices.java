package dev.gauntlet.environment;

import dev.gauntlet.network.TcpProxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The services an environment has started, in the environment file's order, the one under test, and the gate's TCP
 * proxies in front of the services that another reaches {@code through: proxy}.
 */
final class StartedServices {
    private final Map<String, RunningService> started = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Map<String, TcpProxy> proxies = new LinkedHashMap<>();
    private RunningService underTest;

    /**
     * Starts {@code specs} (dependencies before dependents) with {@code start}: each as soon as the services it depends
     * on are ready, so that services that do not depend on each other start side by side (a database and a stub,
     * say), and a proxy in front of each service a later one reaches through it, once that service is ready. When
     * one cannot start, the services that depend on it are not started, those already starting are waited for,
     * {@code close} stops everything, and the first failure is thrown on. {@code start} is called from several
     * threads.
     */
    void startAll(List<ServiceSpec> specs, Function<ServiceSpec, RunningService> start, Runnable close) {
        for (ServiceSpec s : specs) {
            for (String d : s.dependsOn()) {
                if (!order.contains(d)) {
                    throw new IllegalArgumentException(s.name() + " depends on " + d + ", which is not listed before it");
                }
            }
            order.add(s.name());
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, specs.size()), r -> {
            Thread t = new Thread(r, "service-start");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Map<String, CompletableFuture<Void>> ready = new HashMap<>();
        try {
            for (ServiceSpec s : specs) {
                CompletableFuture<?>[] deps = s.dependsOn().stream().map(ready::get).toArray(CompletableFuture<?>[]::new);
                ready.put(s.name(), CompletableFuture.allOf(deps).thenRunAsync(() -> {
                    try {
                        startOne(s, specs, start);
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                        throw e;
                    }
                }, pool));
            }
            try {
                CompletableFuture.allOf(ready.values().toArray(CompletableFuture<?>[]::new)).get();
            } catch (ExecutionException e) {
                // every start has ended; the first failure is thrown below
            } catch (InterruptedException e) {
                pool.shutdownNow(); // the starts under way end, then everything is stopped
                awaitQuietly(pool);
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new EnvironmentException(specs.get(0).name(), "start was interrupted", ""));
            }
        } finally {
            pool.shutdown();
        }
        Throwable first = failure.get();
        if (first != null) {
            close.run();
            if (first instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) first;
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startOne(ServiceSpec s, List<ServiceSpec> specs, Function<ServiceSpec, RunningService> start) {
        RunningService running = start.apply(s);
        TcpProxy proxy = specs.stream().anyMatch(other -> other.proxied().contains(s.name()))
                ? TcpProxy.start(s.name(), running.url().getPort()) : null;
        synchronized (this) {
            started.put(s.name(), running);
            if (s.underTest()) {
                underTest = running;
            }
            if (proxy != null) {
                proxies.put(s.name(), proxy);
            }
        }
    }

    /**
     * {@code values} with {@code services.NAME.url} and {@code services.NAME.port} of every service started so far,
     * as {@code dependent} sees them: a dependency it reaches through the proxy has the proxy's port.
     */
    synchronized Map<String, String> placeholders(ServiceSpec dependent, Map<String, String> values) {
        Placeholders.withServices(values, all());
        for (String d : dependent.proxied()) {
            TcpProxy p = proxies.get(d);
            if (p != null) {
                values.put("services." + d + ".url", "http://127.0.0.1:" + p.port());
                values.put("services." + d + ".port", Integer.toString(p.port()));
            }
        }
        return values;
    }

    synchronized TcpProxy proxy(String service) {
        TcpProxy p = proxies.get(service);
        if (p == null) {
            throw new IllegalArgumentException("no service reaches '" + service + "' through the gate's proxy (have: "
                    + (proxies.isEmpty() ? "none" : String.join(", ", proxies.keySet()))
                    + "): write dependsOn: [{service: " + service + ", through: proxy}] in the service that calls it");
        }
        return p;
    }

    /** Closes the proxies (idempotent): their clients see every connection cut. */
    synchronized void closeProxies() {
        proxies.values().forEach(TcpProxy::close);
    }

    /** The services started, in the environment file's (start) order. */
    synchronized List<RunningService> all() {
        return order.stream().filter(started::containsKey).map(started::get).toList();
    }

    synchronized RunningService underTest() {
        return underTest;
    }
}
