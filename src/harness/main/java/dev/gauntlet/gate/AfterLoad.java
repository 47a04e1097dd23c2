package dev.gauntlet.gate;

import dev.gauntlet.slo.Caching;
import dev.gauntlet.cache.CrossIdentity;
import dev.gauntlet.files.RunFiles;
import dev.gauntlet.conformance.Conformance;
import dev.gauntlet.conformance.Prematch;
import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractResponses;
import dev.gauntlet.durability.Durability;
import dev.gauntlet.environment.RunningService;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.TapSpec;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.StoppingRules;
import dev.gauntlet.config.GateSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The checks that run on every load when contracts are available (unless the environment file switches them off):
 * the worker keeps writes and a sample of answers ({@link #tap()}); after the load, with faults reverted, acknowledged
 * writes are read back ({@link Durability}) and the sampled answers matched against the contracts
 * ({@link Conformance}); with a {@code caching: per-identity} objective, the sampled answers are checked for another
 * identity's resources ({@link CrossIdentity}). Prepared before the load worker starts, it also leaves the worker the
 * rules that end a ranged phase ({@link StoppingRules}).
 */
final class AfterLoad {
    private final GateSpec spec;
    private final ContractResponses contracts;
    private final boolean durability;
    private final boolean conformance;
    /** The per-identity caching objective, or null: it needs the writes and a sample, with or without contracts. */
    private final Caching perIdentity;
    /** Matching the sampled answers while the load runs, or null. */
    private volatile Prematch prematch;

    private AfterLoad(GateSpec spec, ContractResponses contracts) {
        this.spec = spec;
        this.contracts = contracts;
        boolean available = contracts != null && !contracts.isEmpty();
        this.durability = available && spec.durability().enabled();
        this.conformance = available && spec.conformance().enabled();
        this.perIdentity = spec.objectives().stream().filter(o -> o instanceof Caching c
                && c.rule() == Caching.Rule.PER_IDENTITY).map(o -> (Caching) o).findFirst()
                .orElse(null);
    }

    /**
     * Takes the run's contracts (folder and broker, whether or not the contract stage verifies them) for the checks
     * {@code spec} asks for.
     */
    static AfterLoad prepare(GateSpec spec, ContractInputs inputs, RunningService target, Consumer<String> console,
                             Path runDir) {
        // and what ends a ranged phase of the load (the worker reads it as it starts)
        StoppingRules.of(spec.objectives()).write(RunFiles.load(runDir).toAbsolutePath());
        if (!spec.durability().enabled() && !spec.conformance().enabled()) {
            return new AfterLoad(spec, null);
        }
        ContractResponses contracts = ContractResponses.of(inputs, target.name());
        AfterLoad a = new AfterLoad(spec, contracts);
        if (contracts.isEmpty()) {
            console.accept("[gate] durability and conformance checks off: no contract in " + spec.contracts().folder()
                    + (spec.contracts().broker() == null ? "" : " or from the Pact Broker") + " is for "
                    + target.name());
        }
        return a;
    }

    /** What the load worker keeps for these checks. */
    TapSpec tap() {
        var c = spec.conformance();
        boolean sampled = conformance || perIdentity != null;
        return new TapSpec(durability || perIdentity != null, sampled ? c.perSecond() : 0, sampled ? c.share() : 0,
                spec.durability().maxReads() * 50L, c.maxSamples());
    }

    /** The load begins: the sampled answers are matched as they come ({@link Prematch}). */
    void loadStarting(Path runDir) {
        if (conformance && prematch == null) {
            prematch = Prematch.start(contracts, RunFiles.load(runDir));
        }
    }

    /** The load is over (or failed): matching during the load stops. Idempotent. */
    void loadEnded() {
        Prematch p = prematch;
        if (p != null) {
            p.stop();
        }
    }

    /** The load's results with the conformance check's broken answers, and the checks' objectives. */
    record Checked(LoadResults load, List<ObjectiveResult> objectives) {
    }

    /**
     * Runs the checks after the load; faults must already be reverted. Matching the sampled answers and the
     * per-identity check (CPU) run beside reading the writes back (the API's time), so the checks take the longest of
     * their times, not the sum.
     */
    Checked check(LoadResults load, RunningService target, Path runDir, Consumer<String> console) {
        Path loadDir = RunFiles.load(runDir);
        CompletableFuture<Conformance.Result> matched = !conformance ? CompletableFuture.completedFuture(null)
                : aside("gauntlet-conformance-check", () -> {
                    long t0 = System.nanoTime();
                    try {
                        Prematch p = prematch;
                        Conformance.Result r = Conformance.check(spec.conformance(), loadDir, contracts,
                                load.timeline(), runDir, p == null ? Map.of() : p.stop());
                        console.accept(String.format(java.util.Locale.ROOT,
                                "[gate] conformance: sampled answers matched against the contracts in %.1f s",
                                (System.nanoTime() - t0) / 1e9));
                        return r;
                    } catch (IOException e) {
                        console.accept("[gate] conformance check failed to read " + loadDir + ": " + e.getMessage());
                        return null;
                    }
                });
        CompletableFuture<ObjectiveResult> perIdentityChecked = perIdentity == null
                ? CompletableFuture.completedFuture(null) : aside("gauntlet-per-identity-check", () -> {
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    ObjectiveResult r = CrossIdentity.check(perIdentity, loadDir, spec.security().identities(),
                            spec.security().publicOperations(), evidence, console);
                    CrossIdentity.write(evidence, runDir, console);
                    return r;
                });
        List<ObjectiveResult> later = new ArrayList<>();
        if (durability) {
            Durability.check(spec.durability(), loadDir, contracts, target.url(), runDir, console).ifPresent(later::add);
        }
        ObjectiveResult crossIdentity = joined(perIdentityChecked);
        if (crossIdentity != null) {
            later.add(crossIdentity);
        }
        List<ObjectiveResult> out = new ArrayList<>();
        LoadResults results = load;
        Conformance.Result r = joined(matched);
        if (r != null) {
            out.addAll(r.objectives());
            results = load.withBrokenContracts(r.brokenSuccesses());
        }
        out.addAll(later);
        return new Checked(results, out);
    }

    /** The value of {@code f} once done; what it threw is thrown as is (the stage's failure names it). */
    private static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** {@code work} on a daemon thread of its own. */
    private static <T> CompletableFuture<T> aside(String name, java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            t.start();
        });
    }
}
