package dev.gauntlet.preflight;

import dev.gauntlet.contract.AllowedExposure;
import dev.gauntlet.contract.ApiModel;
import dev.gauntlet.contract.ApiOperations;
import dev.gauntlet.contract.Broker;
import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractResponses;
import dev.gauntlet.contract.ContractSet;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.fault.FaultSpec;
import dev.gauntlet.load.Declaration;
import dev.gauntlet.load.DeclaredPlans;
import dev.gauntlet.load.LoadException;
import dev.gauntlet.load.LoadPlan;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.load.LoadStage;
import dev.gauntlet.load.Phase;
import dev.gauntlet.load.Setting;
import dev.gauntlet.load.Simulations;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import dev.gauntlet.process.Workspace;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.config.Names;
import dev.gauntlet.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Everything checked before anything starts: the simulation is built in a dry run (or {@code load.plan} read) and
 * {@code load.settings} checked against the settings it declares; phase names of objectives and faults against the
 * plan's phases; operation names of objectives, {@code allowExposure}, {@code coverageIgnore} and {@code mix}
 * against the OpenAPI document when it is a file (a document the API serves is checked by
 * {@link #checkOperations} right after the environment is up) and objectives' operations against the operations
 * the simulation sends. Every mistake is a {@link ConfigException} naming file, field, what was expected and the
 * valid names (exit 2).
 */
public final class Preflight {
    private Preflight() {
    }

    /**
     * What the gate will run, as found before anything starts.
     *
     * @param simulation the simulation's full class name, or null (no load, or traffic from contracts)
     * @param plan       the load plan, or null without load
     * @param settings   the settings the simulation reads
     * @param operations the operations the simulation sends (empty when not known before the run)
     * @param document   the OpenAPI document's operations, or null when it is read only once the API is up
     * @param notes      what a person should know but is not a mistake (settings inherited and ignored)
     * @param pacts      the run's pacts, read once: the contracts folder's (by {@link #check}), with the Pact
     *                   Broker's once the API is up ({@link #withInputs}); null when not read yet
     * @param api        the OpenAPI model, read once: a document in a file by {@link #check}, one the API serves by
     *                   {@link #withInputs}; null when not read yet
     */
    public record Plan(String simulation, LoadPlan plan, List<Setting> settings, List<String> operations,
                       List<String> document, List<String> notes, ContractSet pacts, ApiModel api) {
        public Plan {
            notes = List.copyOf(notes);
            settings = List.copyOf(settings);
            operations = List.copyOf(operations);
            document = document == null ? null : List.copyOf(document);
        }

        /** What every stage reads from the contracts: the pacts and the OpenAPI model (none when not read). */
        public ContractInputs inputs() {
            return new ContractInputs(pacts == null ? ContractSet.none() : pacts, api == null ? ApiModel.none() : api);
        }
    }

    /**
     * Checks {@code spec} before anything starts; forks a load worker for the simulation's dry run (registered with
     * {@code processes}, finished when this returns).
     *
     * @throws ConfigException on the first mistake
     */
    public static Plan check(GateSpec spec, ChildProcesses processes) {
        return planLoad(spec, processes, readFiles(spec));
    }

    /**
     * {@link #check} on a thread of its own when the simulation has a dry run to make (a forked JVM, seconds): the
     * files (pacts, an OpenAPI document in a file) are read and checked there too, so that the environment starts
     * meanwhile; the future fails with the {@link ConfigException} of a mistake either finds. Without a dry run, the
     * files are checked now (a mistake throws here, before anything starts).
     */
    public static CompletableFuture<Plan> checkAhead(GateSpec spec, ChildProcesses processes) {
        if (!spec.load().enabled() || spec.load().fromContracts()) {
            return CompletableFuture.completedFuture(planLoad(spec, processes, readFiles(spec)));
        }
        CompletableFuture<Plan> plan = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                plan.complete(planLoad(spec, processes, readFiles(spec)));
            } catch (Throwable e) { // handed to whoever joins: the gate's stage loop reports it
                plan.completeExceptionally(e);
            }
        }, "gauntlet-dry-run");
        t.setDaemon(true);
        t.start();
        return plan;
    }

    /** The pacts of the folder and an OpenAPI document in a file, read and checked. */
    private record ReadFiles(ContractSet pacts, ApiModel api, List<String> document) {
    }

    private static ReadFiles readFiles(GateSpec spec) {
        ContractSet pacts = PactFiles.check(spec); // the cheap checks first: the simulation's dry run forks a JVM
        List<String> document = null;
        ApiModel api = null;
        String openapi = spec.contracts().openapi();
        if (spec.contracts().enabled() && ApiOperations.isFile(openapi)) {
            api = ApiModel.load(openapi, null);
            if (api.problem() != null) {
                throw spec.error("contracts.openapi", "cannot be read: " + api.problem());
            }
            document = api.names();
            checkOperations(spec, document);
        }
        return new ReadFiles(pacts, api, document);
    }

    private static Plan planLoad(GateSpec spec, ChildProcesses processes, ReadFiles read) {
        List<String> document = read.document();
        LoadSpec load = spec.load();
        String simulation = null;
        LoadPlan plan = null;
        List<Setting> settings = List.of();
        List<String> operations = List.of();
        List<String> notes = List.of();
        if (load.enabled()) {
            if (load.fromContracts()) {
                plan = load.plan();
                if (!load.settings().isEmpty()) {
                    String key = new TreeMap<>(load.settings()).firstKey();
                    throw spec.error("load.settings." + key, "traffic from contracts (load.from: contracts) reads no "
                            + "settings: its phases are load.plan, its mix load.mix");
                }
            } else {
                try {
                    simulation = Simulations.resolve(load.simulation(), processes.workspace().classpath());
                } catch (IllegalArgumentException e) {
                    throw spec.error("load.simulation", e.getMessage().replaceFirst("^load\\.simulation: ", ""));
                }
                Declaration declared = declare(spec, load.withSimulation(simulation), processes);
                notes = SettingsCheck.check(spec, simulation, declared.settings());
                if (declared.error() != null) {
                    throw spec.error(load.plan() != null && declared.error().contains("load.plan") ? "load.plan"
                            : "load.simulation", declared.error());
                }
                plan = declared.loadPlan();
                settings = declared.settings();
                operations = declared.operations();
            }
            phases(spec, plan, simulation == null ? "load.plan" : "the load plan of " + simulation);
            loadOperations(spec, operations, simulation);
        }
        return new Plan(simulation, plan, settings, operations, document, notes, read.pacts(), read.api());
    }

    /**
     * {@code gauntlet gate --dry-run}: {@link #check}, then prints the plan; nothing is started but the simulation's
     * dry run.
     *
     * @throws ConfigException on the first mistake (exit 2)
     */
    public static Plan dryRun(GateSpec spec, Workspace workspace, PrintStream out) {
        try (ChildProcesses processes = new ChildProcesses(Leftovers.shared(), workspace)) {
            Plan plan = check(spec, processes);
            PlanPrinter.print(spec, plan, out);
            return plan;
        }
    }

    /**
     * What a simulation declares with its defaults ({@code gauntlet settings SIMULATION}).
     *
     * @param simulation a simple or full class name, found on {@code workspace}'s class path
     * @throws IllegalArgumentException when there is no such simulation, or it cannot be built
     */
    public static Declaration declaration(String simulation, Workspace workspace) {
        try (ChildProcesses processes = new ChildProcesses(Leftovers.shared(), workspace)) {
            String name = Simulations.resolve(simulation, workspace.classpath());
            Declaration declared;
            Path scratch = scratch();
            try {
                declared = LoadStage.declare(new LoadSpec(true, name, Map.of(), Duration.ofMinutes(1)), scratch, processes);
            } catch (LoadException e) {
                throw new IllegalArgumentException(name + " could not be built in a dry run: " + e.getMessage());
            } finally {
                delete(scratch);
            }
            if (declared.error() != null) {
                throw new IllegalArgumentException(declared.error());
            }
            return declared;
        }
    }

    /**
     * Operation names of the environment file against the OpenAPI document's: objectives' {@code operation}
     * ({@code "*"} stays valid), {@code contracts.allowExposure} ({@code "*"} too), {@code contracts.coverageIgnore},
     * {@code security.publicOperations}, {@code load.mix}.
     *
     * @param document the document's operations ({@code GET /orders/{id}})
     * @throws ConfigException naming the first unknown operation, with the document's
     */
    public static void checkOperations(GateSpec spec, List<String> document) {
        String where = "the OpenAPI document (contracts.openapi: " + spec.contracts().openapi() + ")";
        for (int i = 0; i < spec.objectives().size(); i++) {
            String op = spec.objectives().get(i).scope().operation();
            if (op != null && !op.equals("*")) {
                known(spec, "objectives[" + i + "].operation", op, document, where);
            }
        }
        List<AllowedExposure> allowed = spec.contracts().allowExposure();
        for (int i = 0; i < allowed.size(); i++) {
            if (!allowed.get(i).anyOperation()) {
                known(spec, "contracts.allowExposure[" + i + "].operation", allowed.get(i).operation(), document, where);
            }
        }
        List<String> open = spec.security().publicOperations();
        for (int i = 0; i < open.size(); i++) {
            known(spec, "security.publicOperations[" + i + "]", open.get(i), document, where);
        }
        List<String> ignored = spec.contracts().coverageIgnore();
        for (int i = 0; i < ignored.size(); i++) {
            known(spec, "contracts.coverageIgnore[" + i + "]", ignored.get(i), document, where);
        }
        if (spec.load().enabled()) {
            for (String op : spec.load().mix().keySet()) {
                known(spec, "load.mix." + op, op, document, where);
            }
        }
    }

    /**
     * The plan with the run's inputs ({@link Plan#inputs()}), loaded once right after the environment is up and
     * before any contract or load runs: the folder's pacts ({@link #check} read them), the Pact Broker's
     * ({@code contracts.broker}) and the OpenAPI model.
     * A document the API serves ({@code contracts.openapi: /openapi.json}) has its operation names checked
     * ({@link #checkOperations}); one that cannot be fetched is left to the contracts stage, which reports it.
     *
     * @param plan     what {@link #check} found
     * @param provider the service under test as pacts name it
     * @param api      the running API
     * @throws ConfigException                          on an operation name the served document does not have
     * @throws dev.gauntlet.contract.BrokerException when the broker cannot be asked for the pacts
     */
    public static Plan withInputs(GateSpec spec, Plan plan, String provider, URI api) {
        ContractsSpec c = spec.contracts();
        boolean load = spec.load().enabled()
                && (spec.load().fromContracts() || spec.durability().enabled() || spec.conformance().enabled());
        if (!c.enabled() && !load) {
            return plan;
        }
        ContractSet folder = plan.pacts() != null ? plan.pacts() : ContractSet.load(c, null, provider);
        ContractSet pacts = c.broker() == null ? folder : folder.withBroker(Broker.of(c.broker()), provider);
        ApiModel model = plan.api() != null ? plan.api() : ApiModel.load(c.openapi(), api);
        if (plan.document() == null && c.enabled() && model.readable()) {
            checkOperations(spec, model.names());
        }
        if (!model.readable() && spec.security().enabled()) { // no document: the probes' operations are the pacts'
            List<String> operations = ContractResponses.of(new ContractInputs(pacts, model), provider).operations()
                    .stream().sorted().toList();
            List<String> open = spec.security().publicOperations();
            for (int i = 0; i < open.size() && !operations.isEmpty(); i++) {
                String op = open.get(i);
                if (operations.stream().noneMatch(o -> ApiOperations.covers(op, o))) {
                    throw spec.error("security.publicOperations[" + i + "]", "no operation '" + op + "' in the "
                            + "operations of the contracts for '" + provider + "' (no contracts.openapi document)"
                            + Names.didYouMean(op, operations) + "; they have: " + Names.list(operations));
                }
            }
        }
        return new Plan(plan.simulation(), plan.plan(), plan.settings(), plan.operations(), plan.document(),
                plan.notes(), pacts, model);
    }

    private static void known(GateSpec spec, String field, String op, List<String> known, String where) {
        known(spec, field, op, known, where, false);
    }

    /** @param exact whether the name must be spelt the same ({@code {id}} is not {@code {orderId}}) */
    private static void known(GateSpec spec, String field, String op, List<String> known, String where, boolean exact) {
        if (known.stream().noneMatch(k -> exact ? k.equals(op) : ApiOperations.same(k, op))) {
            throw spec.error(field, "no operation '" + op + "' in " + where + Names.didYouMean(op, known)
                    + "; it has: " + Names.list(known));
        }
    }

    /** Objectives' operations against what the simulation sends: one it never sends could not be scored. */
    private static void loadOperations(GateSpec spec, List<String> operations, String simulation) {
        if (operations.isEmpty()) {
            return;
        }
        for (int i = 0; i < spec.objectives().size(); i++) {
            String op = spec.objectives().get(i).scope().operation();
            if (op != null && !op.equals("*")) {
                known(spec, "objectives[" + i + "].operation", op, operations, "the requests of " + simulation
                        + " (run.request), which objectives are scored on", true);
            }
        }
    }

    /** Phase names of objectives and faults against the plan's. */
    private static void phases(GateSpec spec, LoadPlan plan, String where) {
        if (plan == null) {
            return;
        }
        List<String> names = plan.phases().stream().map(Phase::name).toList();
        if (plan.ranged() && (spec.load().injectors().many() || spec.load().injectors().onKubernetes())) {
            throw spec.error("load.injectors", "splits the load over several injectors, but a phase of " + where
                    + " ends when decided (a range such as 10s..60s, or auto), which one injector's clock decides: "
                    + "give every phase a fixed duration in load.settings, or run one injector");
        }
        List<Objective> objectives = spec.objectives();
        for (int i = 0; i < objectives.size(); i++) {
            phase(spec, "objectives[" + i + "].phase", objectives.get(i).scope().phase(), names, where);
        }
        List<FaultSpec> faults = spec.faults();
        for (int i = 0; i < faults.size(); i++) {
            phase(spec, "faults[" + i + "].phase", faults.get(i).phase(), names, where);
            String name = faults.get(i).phase();
            Phase ranged = plan.phases().stream().filter(p -> p.name().equals(name) && p.ranged()).findFirst()
                    .orElse(null);
            if (ranged != null) {
                throw spec.error("faults[" + i + "].phase", "phase '" + name + "' of " + where + " lasts "
                        + ranged.span() + " (it ends when decided), but a phase with faults keeps its written timing: "
                        + "give it a fixed duration in load.settings or load.plan");
            }
        }
    }

    private static void phase(GateSpec spec, String field, String phase, List<String> names, String where) {
        if (phase != null && !names.contains(phase)) {
            throw spec.error(field, "no phase '" + phase + "' in " + where + Names.didYouMean(phase, names)
                    + "; its phases: " + Names.list(names));
        }
    }

    /** The simulation's dry run, in a scratch folder that is removed afterwards. */
    private static Declaration declare(GateSpec spec, LoadSpec load, ChildProcesses processes) {
        Path scratch = scratch();
        try {
            return DeclaredPlans.of(load, processes.workspace(), () -> LoadStage.declare(load, scratch, processes));
        } catch (LoadException e) {
            throw spec.error("load.simulation", load.simulationClass() + " could not be built in a dry run: "
                    + e.getMessage());
        } finally {
            delete(scratch);
        }
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("gauntlet-plan-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the simulation's dry run", e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch folder in the temp dir: left for the OS
        }
    }
}
