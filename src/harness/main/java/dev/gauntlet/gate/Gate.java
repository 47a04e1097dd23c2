package dev.gauntlet.gate;

import dev.gauntlet.contract.ContractResults;
import dev.gauntlet.contract.ContractStage;
import dev.gauntlet.contract.ContractTraffic;
import dev.gauntlet.contract.Replay;
import dev.gauntlet.environment.Environment;
import dev.gauntlet.environment.RunningService;
import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.fault.FaultSchedule;
import dev.gauntlet.history.HistoryRun;
import dev.gauntlet.history.Pending;
import dev.gauntlet.load.ContractSimulation;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.load.LoadStage;
import dev.gauntlet.load.Timeline;
import dev.gauntlet.preflight.Preflight;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import dev.gauntlet.probe.SecurityResults;
import dev.gauntlet.probe.SecurityStage;
import dev.gauntlet.process.Workspace;
import dev.gauntlet.prometheus.PrometheusExport;
import dev.gauntlet.report.ConsoleReport;
import dev.gauntlet.report.Html;
import dev.gauntlet.report.Reason;
import dev.gauntlet.report.Report;
import dev.gauntlet.report.ReportWriter;
import dev.gauntlet.resource.ResourceObjectives;
import dev.gauntlet.resource.ResourceSampler;
import dev.gauntlet.resource.ResourceSamples;
import dev.gauntlet.report.Verdicts;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Slos;
import dev.gauntlet.slo.Status;
import dev.gauntlet.config.GateSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run of the gate: environment up, contracts verified, load run, objectives scored, verdict written,
 * environment down. The run is a list of named stages ({@code steps()}) run by one loop: whatever a stage throws,
 * Errors included, ends the run as an aborted report naming that stage. Teardown always runs (normal end, failure,
 * Ctrl-C) and a report is written in every case.
 */
public final class Gate {
    /** Exit codes of {@code gauntlet gate}. */
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int ENVIRONMENT_FAILED = 3;

    private final GateSpec spec;
    private final Path runDir;
    private final PrintStream console;
    private final Instant started = Instant.now();
    private final ChildProcesses processes;
    private final StageHook hook;
    private LoadSpec loadSpec;
    private Preflight.Plan plan;
    private AfterLoad afterLoad;
    private List<ObjectiveResult> afterLoadObjectives = List.of();
    private Environment environment;
    private Report.Contracts contracts;
    private ContractResults contractResults;
    private Report.Load load;
    private LoadResults loadResults;
    private ContractTraffic traffic;
    private FaultSchedule faultSchedule;
    private List<Report.Fault> faults = List.of();
    private List<ObjectiveResult> objectives = List.of();
    private Report finished;
    private SecurityResults security;
    private ResourceSampler resourceSampler;
    private ResourceSamples resourceSamples;
    private HistoryRun history;

    private Gate(GateSpec spec, Path runDir, PrintStream console, Workspace workspace, StageHook hook) {
        this.spec = spec;
        this.processes = new ChildProcesses(Leftovers.shared(), workspace);
        this.runDir = runDir;
        this.console = console;
        this.hook = hook;
        this.loadSpec = spec.load();
    }

    /** What a run produced: its report and the exit code for the CLI. */
    public record Outcome(int exitCode, Report report, Path runDir) {
    }

    /**
     * Runs the gate. Never throws: whatever fails in a stage (a service that cannot start, a load worker that dies,
     * a bug) becomes an aborted report naming the stage, after teardown.
     */
    public static Outcome run(GateSpec spec, Path runDir, PrintStream console) {
        return run(spec, runDir, console, Workspace.current());
    }

    /**
     * Runs the gate with child processes in {@code workspace}'s folder and JVMs forked with its class path (the
     * Maven plugin's way). Never throws: every failure becomes an aborted report, after teardown.
     */
    public static Outcome run(GateSpec spec, Path runDir, PrintStream console, Workspace workspace) {
        return run(spec, runDir, console, workspace, StageHook.NONE);
    }

    /** As {@link #run(GateSpec, Path, PrintStream, Workspace)}, with {@code hook} told as each stage begins (tests). */
    static Outcome run(GateSpec spec, Path runDir, PrintStream console, Workspace workspace, StageHook hook) {
        Gate gate = new Gate(spec, runDir, console, workspace, hook);
        Thread shutdown = new Thread(() -> gate.finish(new Report.Aborted("interrupted",
                "the gate was interrupted (SIGINT/SIGTERM); every started process was stopped")), "gauntlet-teardown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            return gate.stages();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it finishes the report
            }
        }
    }

    /**
     * Told as each stage begins; what it throws fails that stage as a real failure would. The seam the stage-failure
     * tests use: passed to one run, never global.
     */
    @FunctionalInterface
    interface StageHook {
        StageHook NONE = stage -> { };

        void entering(String stage) throws Exception;
    }

    /** One named stage of the run. */
    private record Step(String stage, Body body) {
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    /** The stages this run goes through, in order; the report is written by {@link #finish} after them. */
    private List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Stages.CONFIG, this::preflight));
        steps.add(new Step(Stages.ENVIRONMENT, this::startEnvironment));
        steps.add(new Step(Stages.CONFIG, this::loadInputs));
        if (spec.contracts().enabled()) {
            steps.add(new Step(Stages.CONTRACTS, this::verifyContracts));
        }
        if (spec.contracts().enabled() && spec.security().enabled()) {
            steps.add(new Step(Stages.SECURITY, this::probeSecurity));
        }
        if (loadSpec.enabled()) {
            if (loadSpec.fromContracts()) {
                steps.add(new Step(Stages.TRAFFIC, this::trafficFromContracts));
            }
            if (!spec.faults().isEmpty()) {
                steps.add(new Step(Stages.FAULTS, this::startFaults));
            }
            steps.add(new Step(Stages.LOAD, this::runLoad));
            steps.add(new Step(Stages.CHECKS, this::checkAfterLoad));
        }
        steps.add(new Step(Stages.SCORING, this::score));
        return steps;
    }

    /** Runs the stages in order; the first that fails ends the run as an aborted report (teardown done). */
    private Outcome stages() {
        for (Step step : steps()) {
            try {
                hook.entering(step.stage());
                step.body().run();
            } catch (Throwable failure) { // every failure, Errors included: teardown and a report whatever happens
                Report.Aborted aborted = Stages.aborted(step.stage(), failure, spec.file(), runDir);
                return new Outcome(Stages.exitCode(step.stage(), failure), finish(aborted), runDir);
            }
        }
        Report report = finish(null);
        return new Outcome(report.verdict() == Status.FAIL ? FAILED : PASSED, report, runDir);
    }

    /** Everything that can be checked before anything starts: settings, phases, operations named in a file. */
    private void preflight() {
        plan = Preflight.check(spec, processes);
        if (plan.simulation() != null) {
            loadSpec = loadSpec.withSimulation(plan.simulation());
        }
        plan.notes().forEach(note -> console.println("[gate] note: " + note));
        history = HistoryRun.start(spec.history(), spec.environment().name(), loadSpec, plan.plan(), console::println);
        if (history != null) { // pending objectives count their passing runs in the history
            history.countingPasses(spec.pending().values().stream().mapToInt(Integer::intValue).max().orElse(0));
        }
    }

    /** The pacts (folder and broker) and OpenAPI model, loaded once for every stage; served names checked. */
    private void loadInputs() {
        plan = Preflight.withInputs(spec, plan, environment.underTest().name(), environment.underTest().url());
    }

    private void startEnvironment() {
        int swept = Leftovers.shared().sweep(line -> console.println("[gate] " + line))
                + Environment.sweepLeftovers(spec.environment(), line -> console.println("[gate] " + line));
        if (swept > 0) {
            console.println("[gate] stopped " + swept + " process(es)/container(s) left behind by an earlier gate");
        }
        console.println("[gate] environment " + spec.environment().name() + ": starting "
                + spec.environment().services().size() + " service(s); run folder " + runDir);
        environment = Environment.start(spec.environment(), runDir, processes, line -> console.println("[gate]   " + line));
        environment.services().forEach(s -> console.println("[gate]   " + s.name() + " " + s.url() + " (pid " + s.pid() + ")"));
    }

    private void verifyContracts() {
        RunningService target = environment.underTest();
        console.println("[gate] contracts: verifying pacts in " + spec.contracts().folder() + (spec.contracts().broker() == null
                ? "" : " and from the Pact Broker at " + spec.contracts().broker().url()) + " against " + target.url());
        contractResults = ContractStage.verify(spec.contracts(), plan.inputs(), target.name(), target.url());
        contracts = contracts(contractResults);
    }

    private void probeSecurity() {
        RunningService target = environment.underTest();
        console.println("[gate] security: probing " + target.url() + " with requests made from the contracts");
        security = SecurityStage.run(spec.security(), spec.contracts(), plan.inputs(), target.name(), target.url());
    }

    private void trafficFromContracts() throws IOException {
        RunningService target = environment.underTest();
        console.println("[gate] load: " + loadSpec.describe() + " against " + target.url());
        traffic = ContractTraffic.of(spec.contracts(), plan.inputs(), target.name(), loadSpec.mix());
        try {
            traffic.write(runDir.resolve("load").resolve(ContractSimulation.TRAFFIC_FILE));
        } catch (IOException e) {
            throw new IOException("cannot write the traffic for the load worker: " + e.getMessage(), e);
        }
        console.println("[gate]   " + traffic.replayed().size() + " of " + traffic.replays().size()
                + " interactions become traffic" + (traffic.leftOut().isEmpty() ? ""
                : "; left out: " + traffic.leftOut().stream().map(Replay::name).collect(Collectors.joining(", "))));
    }

    private void startFaults() {
        faultSchedule = FaultSchedule.start(spec.faults(), environment, runDir.resolve("load").resolve("timeline.json"),
                console::println);
    }

    private void runLoad() {
        RunningService target = environment.underTest();
        if (!loadSpec.fromContracts()) {
            console.println("[gate] load: " + loadSpec.describe() + " against " + target.url());
        }
        afterLoad = AfterLoad.prepare(spec, plan.inputs(), target, console::println);
        resourceSampler = ResourceSampler.start(environment); // memory and CPU of every service while the load runs
        try {
            loadResults = LoadStage.run(loadSpec, target.url(), runDir, processes, line -> console.println(line),
                    afterLoad.tap());
        } finally {
            stopResources();
        }
    }

    /** Faults off (the load is over), then acknowledged writes read back and sampled answers matched. */
    private void checkAfterLoad() {
        stopFaults();
        AfterLoad.Checked checked = afterLoad.check(loadResults, environment.underTest(), runDir, console::println);
        loadResults = checked.load();
        afterLoadObjectives = checked.objectives();
    }

    /** Faults off (the load is over), then the objectives scored against what the load recorded. */
    private void score() {
        List<FaultEdge> edges = stopFaults();
        if (loadResults != null) {
            load = load(loadResults, loadSpec, traffic);
            if (contractResults != null) {
                contracts = contracts(contractResults.withLoad(loadResults.operations()));
            }
            ResourceSamples samples = stopResources();
            // a pending objective (pending: N) warns instead of failing until it has passed N runs of the history
            List<ObjectiveResult> scored = new ArrayList<>(Pending.score(spec.objectives(), spec.pending(), some -> {
                List<ObjectiveResult> results = new ArrayList<>(Slos.evaluate(some, loadResults, edges));
                results.addAll(ResourceObjectives.evaluate(some, samples, loadResults.timeline()));
                return results;
            }, history == null ? null : history.earlier()));
            scored.addAll(afterLoadObjectives);
            if (history != null) {
                scored.addAll(history.score(loadResults));
            }
            objectives = scored;
        }
    }

    /**
     * Tears down, writes the report (once) and prints the verdict. Called by the run or by the shutdown hook. Never
     * throws: a teardown step that fails is reported and the next one still runs; a report that cannot be written
     * whole is written plain, aborted in stage {@code report}.
     */
    private synchronized Report finish(Report.Aborted aborted) {
        if (finished != null) {
            return finished;
        }
        List<String> teardownProblems = new ArrayList<>();
        Stages.guarded("revert the faults", this::stopFaults, teardownProblems);
        Stages.guarded("stop the services and the load worker", processes::close, teardownProblems);
        teardownProblems.forEach(p -> console.println("[gate] teardown: " + p));
        Report report = null;
        try {
            report = report(aborted);
            if (history != null) {
                report = report.withHistory(history.keep(report.runId(), started, report.verdict(), report.objectives(),
                        loadResults));
            }
            report = PrometheusExport.push(spec.prometheus(), report, loadResults, loadSpec, console::println);
            hook.entering(Stages.REPORT);
            ReportWriter.write(report, runDir);
            Html.write(report, loadResults, runDir);
            ConsoleReport.print(report, console);
        } catch (Throwable failure) { // a report must reach the disk whatever failed: write it plain
            Report.Aborted why = aborted != null ? aborted : Stages.aborted(Stages.REPORT, failure, spec.file(), runDir);
            report = Stages.writePlain(plainReport(report, why), failure, runDir, console);
        }
        console.println("report: " + runDir.resolve("index.html") + " · " + runDir.resolve("report.json") + " · "
                + runDir.resolve("junit.xml"));
        console.flush();
        finished = report;
        return finished;
    }

    /**
     * The report stripped to what cannot fail to serialise: verdict FAIL, the reasons and checks already found (if the
     * full report was built) plus the abort, the environment and the faults.
     */
    private Report plainReport(Report full, Report.Aborted aborted) {
        Instant now = Instant.now();
        List<Reason> checks = new ArrayList<>(full == null ? List.of() : full.checks());
        if (full == null || full.aborted() != aborted) {
            checks.add(Verdicts.aborted(aborted));
        }
        List<String> reasons = checks.stream().filter(c -> c.status() != Status.PASS).map(Reason::message).toList();
        return new Report(Status.FAIL, reasons, runDir.getFileName().toString(), started.toString(), now.toString(),
                (now.toEpochMilli() - started.toEpochMilli()) / 1000.0,
                new Report.EnvironmentInfo(spec.environment().name(), spec.environment().kind(), List.of()), null, null,
                List.of(), faults, aborted, checks);
    }

    /** The report of this run as it stands. */
    private Report report(Report.Aborted aborted) {
        Instant now = Instant.now();
        List<ObjectiveResult> scored = new ArrayList<>(security == null ? List.of() : security.objectives());
        scored.addAll(objectives);
        Verdicts.Verdict verdict = Verdicts.of(contracts, load, scored, faults, aborted, security);
        return new Report(verdict.status(), verdict.reasons(), runDir.getFileName().toString(), started.toString(),
                now.toString(), (now.toEpochMilli() - started.toEpochMilli()) / 1000.0, environmentInfo(), contracts,
                load, scored, faults, aborted, verdict.checks(), security, stopResources());
    }

    /** Stops sampling the services' memory and CPU (if it runs) and returns the samples, or null. Idempotent. */
    private synchronized ResourceSamples stopResources() {
        if (resourceSampler != null && resourceSamples == null) {
            resourceSamples = resourceSampler.stop();
        }
        return resourceSamples;
    }

    /** Reverts whatever fault is still on and keeps what happened for the report. Idempotent. */
    private synchronized List<FaultEdge> stopFaults() {
        if (faultSchedule == null) {
            return List.of();
        }
        faultSchedule.close();
        List<FaultEdge> edges = faultSchedule.edges();
        long origin = faultSchedule.origin() > 0 ? faultSchedule.origin() : started.toEpochMilli();
        faults = edges.stream().map(e -> new Report.Fault(e.service(), e.kind(), e.phase(),
                Instant.ofEpochMilli(e.start()).toString(), e.end() == 0 ? null : Instant.ofEpochMilli(e.end()).toString(),
                e.start() - origin, e.end() == 0 ? 0 : e.end() - origin, e.start() - e.scheduledStart(),
                e.end() == 0 ? 0 : e.end() - e.scheduledEnd(), e.error(), e.evidence())).toList();
        return edges;
    }

    private Report.EnvironmentInfo environmentInfo() {
        List<Report.Service> services = new ArrayList<>();
        if (environment != null) {
            for (RunningService s : environment.services()) {
                services.add(new Report.Service(s.name(), s.url().toString(), s.log().toString(),
                        s == environment.underTest(), s.pid()));
            }
        }
        return new Report.EnvironmentInfo(spec.environment().name(), spec.environment().kind(), services);
    }

    private static Report.Contracts contracts(ContractResults r) {
        return new Report.Contracts(r.interactions().size(), r.passed(), r.failed(), r.failures(), r.problems(),
                r.pacts(), r.interactions(), r.coverage(), r.exposure(), r.allowedExposure(), r.millis(), r.published());
    }

    private static Report.Load load(LoadResults r, LoadSpec spec, ContractTraffic traffic) {
        List<Report.PhaseSummary> phases = new ArrayList<>();
        for (Timeline.Window w : r.timeline().windows()) {
            phases.add(new Report.PhaseSummary(w.name(), w.scored(), Instant.ofEpochMilli(w.start()).toString(),
                    Instant.ofEpochMilli(w.end()).toString(), round(w.offeredRps()), round(r.injectedRps(w)),
                    round(r.requestRps(w)), r.count(c -> c.phase().equals(w.name())),
                    r.count(c -> c.phase().equals(w.name()) && c.outcome().isError()),
                    r.count(c -> c.phase().equals(w.name()) && c.outcome().isRateLimited())));
        }
        return new Report.Load(spec.describe(), r.count(c -> true), phases, r.refusedConnections(),
                r.gatlingReport() == null ? null : r.gatlingReport().resolve("index.html").toString(),
                operations(r, traffic));
    }

    /** The load's operations with their requests; for traffic from contracts with how each interaction became it. */
    private static List<Report.Operation> operations(LoadResults r, ContractTraffic traffic) {
        Map<String, List<Replay>> byOperation = new LinkedHashMap<>();
        if (traffic != null) {
            for (Replay replay : traffic.replays()) {
                String op = replay.operation().isEmpty() ? "(not HTTP)" : replay.operation();
                byOperation.computeIfAbsent(op, k -> new ArrayList<>()).add(replay);
            }
        }
        r.operations().forEach(op -> byOperation.computeIfAbsent(op, k -> new ArrayList<>()));
        List<Report.Operation> out = new ArrayList<>();
        byOperation.forEach((op, replays) -> out.add(new Report.Operation(op, r.count(c -> c.operation().equals(op)),
                replays.isEmpty() ? null : round(replays.stream().mapToDouble(Replay::sharePercent).sum()), replays)));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
