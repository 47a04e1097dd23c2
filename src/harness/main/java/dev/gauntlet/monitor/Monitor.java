package dev.gauntlet.monitor;

import dev.gauntlet.slo.Monitoring;
import dev.gauntlet.slo.Objective;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polls the endpoints the monitoring objectives name while the load runs, on the load's clock: a health or readiness
 * endpoint four times a second, a Prometheus endpoint twice a second; one daemon thread per objective, each request
 * bounded by a timeout so that a hanging endpoint counts as down and never stalls the others. Bounded: at most
 * {@link #MAX_POLLS} polls per objective. {@link #stop()} ends the threads and returns what they saw.
 */
public final class Monitor {
    /** Polls kept per objective at most (three hours of health polls). */
    static final int MAX_POLLS = 43_200;
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** A JSON {@code status} field that says the service is not healthy (Spring, MicroProfile, IETF health check). */
    private static final Set<String> DOWN = Set.of("down", "out_of_service", "fail", "failed", "unhealthy", "error",
            "critical", "unavailable");
    private static final Pattern STATUS_FIELD = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final Map<String, List<Poll>> polls = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private Map<String, List<Poll>> stopped;

    private Monitor() {
    }

    /**
     * Starts polling for each monitoring objective of {@code objectives}; null when there is none.
     *
     * @param urls a service's base URL by its name; null names the service under test
     */
    public static Monitor start(List<Objective> objectives, Function<String, URI> urls) {
        return start(objectives, urls, Duration.ofMillis(250));
    }

    static Monitor start(List<Objective> objectives, Function<String, URI> urls, Duration healthPeriod) {
        Monitor m = new Monitor();
        for (Objective o : objectives) {
            if (o instanceof Monitoring mo) {
                URI base = urls.apply(mo.service());
                URI uri = URI.create(base.toString().replaceFirst("/+$", "") + mo.path());
                boolean health = mo.signal() == Monitoring.Signal.HEALTH;
                TextFormat.Selector selector = health ? null : TextFormat.Selector.parse(mo.metric());
                List<Poll> track = new ArrayList<>();
                m.polls.put(mo.name(), track);
                long period = health ? healthPeriod.toMillis() : healthPeriod.toMillis() * 2;
                Thread t = new Thread(() -> m.loop(uri, selector, track, period), "gauntlet-monitor");
                t.setDaemon(true);
                m.threads.add(t);
            }
        }
        if (m.threads.isEmpty()) {
            return null;
        }
        m.threads.forEach(Thread::start);
        return m;
    }

    private void loop(URI uri, TextFormat.Selector selector, List<Poll> track, long period) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        long next = System.currentTimeMillis();
        while (running) {
            Poll p = poll(request, selector);
            if (p == null || !running) {
                return; // stopped while asking: the answer (if any) says nothing about the service
            }
            synchronized (track) {
                if (track.size() < MAX_POLLS) {
                    track.add(p);
                }
            }
            next += period;
            long now = System.currentTimeMillis();
            if (next < now) {
                next = now;
            }
            try {
                Thread.sleep(next - now);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One poll; null when interrupted (the monitor is stopping). */
    private Poll poll(HttpRequest request, TextFormat.Selector selector) {
        long t = System.currentTimeMillis();
        HttpResponse<String> r;
        try {
            r = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Poll(t, 0, false, null, "no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        String body = r.body() == null ? "" : r.body();
        if (selector != null) {
            Double v = r.statusCode() / 100 == 2 ? TextFormat.value(body, selector) : null;
            return new Poll(t, r.statusCode(), r.statusCode() / 100 == 2, v, v != null ? null
                    : r.statusCode() / 100 != 2 ? "answered " + r.statusCode() : "no series " + selector.name()
                    + (selector.labels().isEmpty() ? "" : selector.labels()) + " in the exposition");
        }
        return health(t, r.statusCode(), body);
    }

    /** A health answer: up when 2xx and its JSON {@code status} (if any) does not say down. */
    static Poll health(long t, int status, String body) {
        Matcher m = STATUS_FIELD.matcher(body);
        String field = m.find() ? m.group(1) : null;
        boolean up = status / 100 == 2 && (field == null || !DOWN.contains(field.toLowerCase(Locale.ROOT)));
        return new Poll(t, status, up, null, field == null ? null : "status " + field);
    }

    /** Stops polling (waits for the polls in flight) and returns every objective's polls, by name. Idempotent. */
    public synchronized Map<String, List<Poll>> stop() {
        if (stopped == null) {
            running = false;
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                try {
                    t.join(TIMEOUT.toMillis() * 3);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            Map<String, List<Poll>> out = new LinkedHashMap<>();
            polls.forEach((name, track) -> {
                synchronized (track) {
                    out.put(name, List.copyOf(track));
                }
            });
            stopped = Map.copyOf(out);
        }
        return stopped;
    }
}
