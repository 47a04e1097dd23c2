package dev.gauntlet.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.environment.Environment;
import dev.gauntlet.environment.RunningService;
import dev.gauntlet.environment.ServiceControl;
import dev.gauntlet.network.TcpProxy;
import dev.gauntlet.network.Toxic;
import dev.gauntlet.network.ToxicEffect;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs the fault schedule on the load's clock. It waits for the load worker to announce its timeline (the phase
 * windows on the wall clock), then switches each fault on and off at its planned instants and records when that
 * really happened. Whatever is still on when the schedule is closed — normal end, failure, Ctrl-C — is reverted.
 * Each fault is checked to have taken effect while it is on ({@link FaultEvidence}): probes through the faulted
 * path and, on WireMock, the request journal. The checks run beside the schedule and never make a fault late.
 *
 * <p>Each service's faults are switched on and off in a lane of their own ({@link Lanes}), in order: a fault whose
 * revert takes a while (a replica restarted until healthy, a container started again) delays later faults of that
 * service only, never another service's.
 */
public final class FaultSchedule implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<FaultSpec> faults;
    private final Environment environment;
    private final Path timelineFile;
    private final Consumer<String> console;
    private final List<Active> active = new ArrayList<>();
    private final List<Recorded> edges = new ArrayList<>();
    private final FaultChecks checks = new FaultChecks();
    private final Lanes lanes = new Lanes();
    private final Thread thread;
    private final long createdAt = System.currentTimeMillis();
    private volatile boolean closed;
    private volatile long origin;

    private FaultSchedule(List<FaultSpec> faults, Environment environment, Path timelineFile, Consumer<String> console) {
        this.faults = List.copyOf(faults);
        this.environment = environment;
        this.timelineFile = timelineFile;
        this.console = console;
        this.thread = new Thread(this::runSchedule, "gauntlet-faults");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following the load clock.
     *
     * @param timelineFile where the load worker announces its timeline ({@code RUN/load/timeline.json})
     */
    public static FaultSchedule start(List<FaultSpec> faults, Environment environment, Path timelineFile,
                                      Consumer<String> console) {
        FaultSchedule s = new FaultSchedule(faults, environment, timelineFile, console);
        s.thread.start();
        return s;
    }

    /** A fault that is on: the check of its effect and what it takes to revert it. */
    private record Active(Planned planned, long start, Injected injected) {
    }

    /** A fault just switched on: the check of its effect (started), and how to switch it off again. */
    private record Injected(FaultChecks.Check check, Runnable revert) {
    }

    /** A fault as it happened, with the evidence of its effect once the check is done. */
    private record Recorded(FaultEdge edge, CompletableFuture<FaultEvidence> evidence) {
    }

    private void runSchedule() {
        try {
            JsonNode timeline = awaitTimeline();
            if (timeline == null) {
                return;
            }
            origin = timeline.get("startEpochMillis").asLong();
            Set<String> unplaceable = new HashSet<>();
            Set<String> done = new HashSet<>(); // edges switched already: "index/1" on, "index/0" off
            while (true) {
                // re-planned whenever the load announces a new timeline: a ranged phase that ended when decided moves
                // the phases after it (and their faults) earlier
                List<Planned> plan = new ArrayList<>();
                for (int i = 0; i < faults.size(); i++) {
                    FaultSpec f = faults.get(i);
                    try {
                        plan.add(Planned.place(f, timeline));
                    } catch (IllegalArgumentException e) {
                        plan.add(null);
                        if (unplaceable.add(Integer.toString(i))) {
                            synchronized (this) {
                                edges.add(new Recorded(new FaultEdge(f.service(), f.label(), f.phase(), 0, 0, 0, 0,
                                        e.getMessage()), CompletableFuture.completedFuture(null)));
                            }
                        }
                    }
                }
                long[] next = Planned.nextEdge(plan, done);
                if (next == null) {
                    return;
                }
                JsonNode moved = Planned.live(timeline) ? sleepUntilOrMoved(next[0], timeline) : null;
                if (closed || (moved == null && !sleepUntil(next[0]))) {
                    return;
                }
                if (moved != null) {
                    timeline = moved;
                    continue;
                }
                Planned p = plan.get((int) next[1]);
                done.add(next[1] + "/" + next[2]);
                boolean switchOn = next[2] == 1;
                lanes.run(p.spec().service(), () -> {
                    if (switchOn) {
                        on(p);
                    } else {
                        off(p);
                    }
                });
            }
        } catch (RuntimeException e) {
            console.accept("[faults] schedule stopped: " + e.getMessage());
        }
    }

    /** Sleeps until {@code epochMillis}; returns the new timeline if the load announced one first, else null. */
    private JsonNode sleepUntilOrMoved(long epochMillis, JsonNode timeline) {
        while (!closed && System.currentTimeMillis() < epochMillis) {
            if (!sleepFor(Math.min(50, epochMillis - System.currentTimeMillis()))) {
                return null;
            }
            try {
                JsonNode now = JSON.readTree(timelineFile.toFile()).path("timeline");
                if (now.has("windows") && !now.equals(timeline)) {
                    return now;
                }
            } catch (IOException e) {
                // being replaced: look again
            }
        }
        return null;
    }

    private JsonNode awaitTimeline() {
        while (!closed) {
            if (Files.exists(timelineFile)) {
                try {
                    JsonNode timeline = JSON.readTree(timelineFile.toFile()).path("timeline");
                    // a run folder can be reused: only this run's clock counts, never the last one's
                    if (timeline.has("windows") && timeline.path("startEpochMillis").asLong() >= createdAt) {
                        return timeline;
                    }
                } catch (IOException e) {
                    // being written: try again
                }
            }
            if (!sleepFor(20)) {
                return null;
            }
        }
        return null;
    }

    private void on(Planned p) {
        if (closed) { // queued behind a slow edge of its service when the schedule closed: never switched on
            return;
        }
        FaultSpec f = p.spec();
        String error = null;
        Injected injected;
        try {
            injected = f.match(process -> process(process, p.end()), http -> http(http, p.end()), this::network);
        } catch (RuntimeException e) {
            error = "could not apply: " + e.getMessage();
            injected = new Injected(FaultChecks.done(FaultEvidence.notShown(expected(f), "the action failed: "
                    + e.getMessage())), () -> { });
        }
        long now = System.currentTimeMillis();
        console.accept(String.format("[faults] %s %s on (+%d ms late)%s", f.service(), f.label(), now - p.start(),
                error == null ? "" : ": " + error));
        synchronized (this) {
            if (f.momentary() || error != null) {
                edges.add(recorded(new FaultEdge(f.service(), f.label(), f.phase(), p.start(), now, p.start(), now,
                        error), injected.check().finish(now)));
            } else {
                active.add(new Active(p, now, injected));
            }
        }
    }

    /** Switches a process-level fault on through the service's control; its check probes the service's port. */
    private Injected process(ProcessFault f, long until) {
        ServiceControl c = environment.control(f.service());
        String before = ProcessChecks.comparesInstances(f) ? instance(c) : null;
        ProcessFaults.on(f, c);
        long on = System.currentTimeMillis();
        URI url = environment.services().stream().filter(s -> s.name().equals(f.service())).map(RunningService::url)
                .findFirst().orElse(null);
        FaultChecks.Check check = url == null
                ? FaultChecks.done(FaultEvidence.notShown(expected(f), "no running service named '" + f.service()
                        + "' to probe"))
                : checks.process(f, url, on, until, before, () -> instance(c));
        return new Injected(check, () -> ProcessFaults.off(f, c));
    }

    /** Switches an HTTP-level fault on through the WireMock service's stubs; its check reads their journal. */
    private Injected http(HttpFault f, long until) {
        URI url = service(f.service()).url();
        WireMockFaults wireMock = new WireMockFaults(url);
        WireMockFaults.Applied stubs = wireMock.apply(f);
        FaultChecks.Check check = checks.http(f, wireMock, stubs, url, System.currentTimeMillis(), until);
        return new Injected(check, () -> wireMock.revert(stubs));
    }

    /**
     * Switches a network fault on at the TCP proxy in front of the dependency; its check is what the proxy counted
     * while it was on (and, for {@code down}, a connect refused at once).
     */
    private Injected network(NetworkFault f) {
        TcpProxy proxy = environment.proxy(f.service());
        TcpProxy.Applied applied = proxy.apply(f.toxic());
        String refused = f.toxic().kind() == Toxic.Kind.DOWN ? NetworkChecks.probeRefused(proxy.port()) : null;
        CompletableFuture<ToxicEffect> effect = new CompletableFuture<>();
        FaultChecks.Check check = revertStart -> effect.thenApply(e -> NetworkChecks.evidence(f, e, refused));
        return new Injected(check, () -> effect.complete(applied.revert()));
    }

    private static String instance(ServiceControl c) {
        try {
            return c.instance();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String expected(FaultSpec f) {
        return f.match(ProcessChecks::expected, HttpChecks::expected, NetworkChecks::expected);
    }

    /** Keeps the edge; tells the console what the check found once it is done. */
    private Recorded recorded(FaultEdge edge, CompletableFuture<FaultEvidence> evidence) {
        CompletableFuture<FaultEvidence> safe = evidence.exceptionally(e -> FaultEvidence.notShown(expected(edge),
                "the check failed: " + e));
        safe.thenAccept(ev -> console.accept("[faults] " + edge.service() + " " + edge.kind() + " " + ev));
        return new Recorded(edge, safe);
    }

    private String expected(FaultEdge edge) {
        return faults.stream().filter(f -> f.service().equals(edge.service()) && f.label().equals(edge.kind()))
                .findFirst().map(FaultSchedule::expected).orElse(edge.kind() + " on " + edge.service());
    }

    private void off(Planned p) {
        Active a;
        synchronized (this) {
            a = active.stream().filter(x -> x.planned().spec() == p.spec()).findFirst().orElse(null);
            if (a == null) {
                return;
            }
            active.remove(a);
        }
        revert(a);
    }

    private void revert(Active a) {
        FaultSpec f = a.planned().spec();
        String error = null;
        long revertStart = System.currentTimeMillis();
        try {
            a.injected().revert().run();
        } catch (RuntimeException e) {
            error = "could not revert: " + e.getMessage();
        }
        long now = System.currentTimeMillis();
        console.accept(String.format("[faults] %s %s off (+%d ms late)%s", f.service(), f.label(),
                now - a.planned().end(), error == null ? "" : ": " + error));
        synchronized (this) {
            edges.add(recorded(new FaultEdge(f.service(), f.label(), f.phase(), a.planned().start(), a.start(),
                    a.planned().end(), now, error), a.injected().check().finish(revertStart)));
        }
    }

    private RunningService service(String name) {
        return environment.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named '" + name + "'"));
    }

    private boolean sleepUntil(long epochMillis) {
        return sleepFor(epochMillis - System.currentTimeMillis());
    }

    private boolean sleepFor(long millis) {
        if (closed) {
            return false;
        }
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Start of the load clock in epoch millis, or 0 while the load has not announced it. */
    public long origin() {
        return origin;
    }

    /** The faults on right now (switched on, not yet off), each as an edge whose {@code end} is 0. */
    public synchronized List<FaultEdge> active() {
        List<FaultEdge> out = new ArrayList<>();
        for (Active a : active) {
            FaultSpec f = a.planned().spec();
            out.add(new FaultEdge(f.service(), f.label(), f.phase(), a.planned().start(), a.start(), a.planned().end(),
                    0, null));
        }
        return out;
    }

    /**
     * Faults as they happened, in order of their on-edge, each with the evidence of its effect (null when it was never
     * switched on, or its check had not finished when the schedule was closed).
     */
    public synchronized List<FaultEdge> edges() {
        List<FaultEdge> out = new ArrayList<>();
        for (Recorded r : edges) {
            FaultEdge e = r.edge();
            out.add(new FaultEdge(e.service(), e.kind(), e.phase(), e.scheduledStart(), e.start(), e.scheduledEnd(),
                    e.end(), e.error(), r.evidence().getNow(null)));
        }
        out.sort(Comparator.comparingLong(FaultEdge::start));
        return out;
    }

    /**
     * Stops the schedule, reverts every fault that is still on and waits for the checks of their effect (bounded: 10 s
     * plus the longest injected delay). Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        long deadline = System.currentTimeMillis() + 10_000;
        try {
            thread.join(10_000);
            lanes.finish(deadline); // an edge under way completes (a fault it switched on is reverted below)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Active> left;
        synchronized (this) {
            left = new ArrayList<>(active);
            active.clear();
        }
        left.forEach(this::revert);
        awaitChecks();
        checks.close();
    }

    private void awaitChecks() {
        long longestDelay = faults.stream().mapToLong(f -> f.match(process -> 0L, http -> http.maxDelay().toMillis(),
                network -> 0L))
                .max().orElse(0);
        long deadline = System.currentTimeMillis() + 10_000 + longestDelay;
        List<Recorded> all;
        synchronized (this) {
            all = new ArrayList<>(edges);
        }
        for (int i = 0; i < all.size(); i++) {
            Recorded r = all.get(i);
            try {
                r.evidence().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception notInTime) {
                r.evidence().complete(FaultEvidence.notShown(expected(r.edge()),
                        "the check had not finished when the gate ended"));
            }
        }
    }
}
