package dev.gauntlet.probe;

import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.contract.ProbeSources;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code security.duringFaults: true}: the authorization probes (authentication, tokens, object-level on resources and
 * collections, function-level) run again while each fault of the schedule is on, with the load running — so an
 * authorization that fails open while a dependency is down is seen. A watcher asks which faults are on every 100 ms
 * and probes each once, as soon as it is on; what failed only under a fault is told apart from what failed at rest.
 * <p>
 * Bounds: the probes of one fault send nothing once {@link #PER_FAULT} has passed or the fault went off (a probe cut
 * short mid-way is dropped, what finished is kept with the fault's name), and nothing at all once {@link #stop()}
 * returned. A fault on the API under test itself (stop, pause, kill of its process) is not probed: an API that is
 * down refuses everything, which says nothing about its authorization.
 */
public final class FaultProbes {
    /** The kinds that judge authorization. */
    static final Set<ProbeKind> AUTHORIZATION = EnumSet.of(ProbeKind.AUTHENTICATION, ProbeKind.TOKENS, ProbeKind.BOLA,
            ProbeKind.LIST_AUTHORIZATION, ProbeKind.FUNCTION_AUTHORIZATION);
    /** The most the probes of one fault send for. */
    static final Duration PER_FAULT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private final SecuritySpec spec;
    private final Baseline baseline;
    private final ProbeSources.Loaded loaded;
    private final URI url;
    private final String stateChangePath;
    private final Supplier<Set<String>> faultsOn;
    private final Predicate<String> onTheApi;
    private final Consumer<String> console;
    private final List<ProbeResult> results = new ArrayList<>();
    private final List<SecurityResults.UnderFault> runs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<ProbeKind, Integer> cut = new LinkedHashMap<>();
    private final Set<String> probed = new LinkedHashSet<>();
    private final Thread watcher;
    private volatile boolean stopped;
    /** The probes under way and their fault, or null. */
    private ProbeContext current;

    private FaultProbes(SecuritySpec spec, ProbeSources.Loaded loaded, URI url, String stateChangePath,
                        Supplier<Set<String>> faultsOn, Predicate<String> onTheApi, Consumer<String> console) {
        Set<ProbeKind> kinds = EnumSet.noneOf(ProbeKind.class);
        spec.kinds().stream().filter(AUTHORIZATION::contains).forEach(kinds::add);
        this.spec = new SecuritySpec(true, kinds, spec.identities(), spec.publicOperations(), spec.maxProbes(),
                spec.timeout().compareTo(PER_FAULT) < 0 ? spec.timeout() : PER_FAULT);
        this.baseline = spec.baseline();
        this.loaded = loaded;
        this.url = url;
        this.stateChangePath = stateChangePath;
        this.faultsOn = faultsOn;
        this.onTheApi = onTheApi;
        this.console = console;
        this.watcher = new Thread(this::watch, "gauntlet-fault-probes");
        watcher.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @param faultsOn the faults on right now, each named once per occurrence ({@code stop on payments #1})
     * @param onTheApi whether a fault is on the API under test itself: such a fault is not probed
     */
    public static FaultProbes start(SecuritySpec spec, ContractsSpec contracts, ContractInputs inputs, String provider,
                                    URI url, Supplier<Set<String>> faultsOn, Predicate<String> onTheApi,
                                    Consumer<String> console) {
        ProbeHttp.requireLoopback(url);
        FaultProbes p = new FaultProbes(spec, ProbeSources.load(contracts, inputs, provider), url,
                contracts.stateChangePath(), faultsOn, onTheApi, console);
        p.watcher.start();
        return p;
    }

    private void watch() {
        while (!stopped) {
            for (String fault : faultsOn.get()) {
                if (stopped) {
                    return;
                }
                if (!probed.add(fault)) {
                    continue;
                }
                if (onTheApi.test(fault)) {
                    note(fault + " not probed: the fault is on the API itself");
                } else if (!faultsOn.get().contains(fault)) {
                    note(fault + " not probed: it went off before its probes could start");
                } else {
                    probe(fault);
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void note(String line) {
        synchronized (this) {
            notes.add("security.duringFaults: " + line);
        }
        console.accept("[gate] security: " + line);
    }

    private void probe(String fault) {
        if (spec.kinds().isEmpty()) {
            return;
        }
        console.accept("[gate] security: probing authorization while " + fault + " is on");
        long t0 = System.nanoTime();
        ProbeContext ctx = new ProbeContext(spec, loaded, url, stateChangePath, fault);
        synchronized (this) {
            if (stopped) {
                return;
            }
            current = ctx;
        }
        Thread guard = new Thread(() -> guard(ctx, fault, t0), "gauntlet-fault-probes-bound");
        guard.setDaemon(true);
        guard.start();
        try {
            for (ProbeKind kind : ProbeKind.values()) {
                if (spec.runs(kind)) {
                    SecurityStage.probes(kind).accept(ctx);
                }
            }
        } finally {
            boolean stillOn = !ctx.http.closed() && faultsOn.get().contains(fault);
            ctx.http.close();
            guard.interrupt();
            List<ProbeResult> mine = ctx.results().stream().map(r -> r.duringFault(fault)).toList();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            synchronized (this) {
                current = null;
                results.addAll(mine);
                ctx.notes().forEach(n -> notes.add("while " + fault + " was on: " + n));
                ctx.cut().forEach((k, n) -> cut.merge(k, n, Integer::sum));
                runs.add(new SecurityResults.UnderFault(fault, mine.size(), (int) mine.stream()
                        .filter(r -> !r.passed()).count(), 0, stillOn, millis));
            }
            console.accept("[gate] security: " + mine.size() + " authorization probes while " + fault + " was on, "
                    + mine.stream().filter(r -> !r.passed()).count() + " failed" + (stillOn ? "" : " (stopped early)"));
        }
    }

    /** Closes the probes of {@code fault} once it went off or {@link #PER_FAULT} passed: they send nothing more. */
    private void guard(ProbeContext ctx, String fault, long t0) {
        while (!ctx.http.closed()) {
            boolean over = System.nanoTime() - t0 > PER_FAULT.toNanos();
            if (over || !faultsOn.get().contains(fault)) {
                note(over ? "the probes of " + fault + " were stopped after " + PER_FAULT.toSeconds() + " s"
                        : fault + " went off before its probes ended: the rest were not run");
                ctx.http.close();
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Stops watching: from its return nothing more is sent (the probes under way are closed; what they finished is
     * kept, a probe cut short mid-way is dropped). Idempotent.
     */
    public void stop() {
        synchronized (this) {
            stopped = true;
            if (current != null) {
                current.http.close();
            }
        }
        watcher.interrupt();
        try {
            watcher.join(2_000); // the probe under way sends nothing more: it only has to publish what it finished
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops watching and adds what was found under faults to {@code atRest}: each failure under a fault says whether
     * the same probe held at rest; the findings baseline judges them with those at rest.
     */
    public SecurityResults finish(SecurityResults atRest) {
        stop();
        synchronized (this) {
            SecurityResults all = atRest.withUnderFaults(results, runs, notes, cut);
            return baseline == null ? all : baseline.apply(all, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        }
    }
}
