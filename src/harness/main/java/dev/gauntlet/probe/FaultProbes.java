package dev.gauntlet.probe;

import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.contract.ProbeSources;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code security.duringFaults: true}: the authorization probes (authentication, tokens, object-level on resources and
 * collections, function-level) run again while each fault of the schedule is on, with the load running — so an
 * authorization that fails open while a dependency is down is seen. A watcher asks which faults are on every 100 ms
 * and probes each once, as soon as it is on; what failed only under a fault is told apart from what failed at rest.
 */
public final class FaultProbes {
    /** The kinds that judge authorization. */
    static final Set<ProbeKind> AUTHORIZATION = EnumSet.of(ProbeKind.AUTHENTICATION, ProbeKind.TOKENS, ProbeKind.BOLA,
            ProbeKind.LIST_AUTHORIZATION, ProbeKind.FUNCTION_AUTHORIZATION);
    private static final Duration PER_FAULT = Duration.ofSeconds(30);

    private final SecuritySpec spec;
    private final Baseline baseline;
    private final ProbeSources.Loaded loaded;
    private final URI url;
    private final String stateChangePath;
    private final Supplier<Set<String>> faultsOn;
    private final Consumer<String> console;
    private final List<ProbeResult> results = new ArrayList<>();
    private final List<SecurityResults.UnderFault> runs = new ArrayList<>();
    private final Set<String> probed = new LinkedHashSet<>();
    private final Thread watcher;
    private volatile boolean stopped;

    private FaultProbes(SecuritySpec spec, ProbeSources.Loaded loaded, URI url, String stateChangePath,
                        Supplier<Set<String>> faultsOn, Consumer<String> console) {
        Set<ProbeKind> kinds = EnumSet.noneOf(ProbeKind.class);
        spec.kinds().stream().filter(AUTHORIZATION::contains).forEach(kinds::add);
        this.spec = new SecuritySpec(true, kinds, spec.identities(), spec.publicOperations(), spec.maxProbes(),
                spec.timeout().compareTo(PER_FAULT) < 0 ? spec.timeout() : PER_FAULT);
        this.baseline = spec.baseline();
        this.loaded = loaded;
        this.url = url;
        this.stateChangePath = stateChangePath;
        this.faultsOn = faultsOn;
        this.console = console;
        this.watcher = new Thread(this::watch, "gauntlet-fault-probes");
        watcher.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @param faultsOn the faults on right now, each named once per occurrence ({@code stop on payments #1})
     */
    public static FaultProbes start(SecuritySpec spec, ContractsSpec contracts, ContractInputs inputs, String provider,
                                    URI url, Supplier<Set<String>> faultsOn, Consumer<String> console) {
        ProbeHttp.requireLoopback(url);
        FaultProbes p = new FaultProbes(spec, ProbeSources.load(contracts, inputs, provider), url,
                contracts.stateChangePath(), faultsOn, console);
        p.watcher.start();
        return p;
    }

    private void watch() {
        while (!stopped) {
            for (String fault : faultsOn.get()) {
                if (!stopped && probed.add(fault)) {
                    probe(fault);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void probe(String fault) {
        if (spec.kinds().isEmpty()) {
            return;
        }
        console.accept("[gate] security: probing authorization while " + fault + " is on");
        long t0 = System.nanoTime();
        ProbeContext ctx = new ProbeContext(spec, loaded, url, stateChangePath);
        for (ProbeKind kind : ProbeKind.values()) {
            if (spec.runs(kind)) {
                SecurityStage.probes(kind).accept(ctx);
            }
        }
        boolean stillOn = faultsOn.get().contains(fault);
        List<ProbeResult> mine = ctx.results().stream().map(r -> r.duringFault(fault)).toList();
        synchronized (this) {
            results.addAll(mine);
            runs.add(new SecurityResults.UnderFault(fault, mine.size(), (int) mine.stream().filter(r -> !r.passed())
                    .count(), 0, stillOn, (System.nanoTime() - t0) / 1_000_000));
        }
    }

    /** Stops watching, waiting (bounded) for probes under way. Idempotent. */
    public void stop() {
        stopped = true;
        try {
            watcher.join(PER_FAULT.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watcher.interrupt();
    }

    /**
     * Stops watching (waiting for probes under way) and adds what was found under faults to {@code atRest}: each
     * failure under a fault says whether the same probe held at rest.
     */
    public SecurityResults finish(SecurityResults atRest) {
        stop();
        synchronized (this) {
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            return atRest.withUnderFaults(baseline == null ? results
                    : results.stream().map(r -> r.passed() ? r : baseline.judge(r, today)).toList(), runs);
        }
    }
}
