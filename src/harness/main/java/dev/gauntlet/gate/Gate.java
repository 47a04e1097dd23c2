package dev.gauntlet.gate;

import dev.gauntlet.cache.CacheChecks;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.contract.ContractStage;
import dev.gauntlet.contract.ContractTraffic;
import dev.gauntlet.environment.Environment;
import dev.gauntlet.environment.RunningService;
import dev.gauntlet.fault.FaultSchedule;
import dev.gauntlet.files.RunFiles;
import dev.gauntlet.history.HistoryRun;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.load.LoadStage;
import dev.gauntlet.monitor.Monitor;
import dev.gauntlet.preflight.Preflight;
import dev.gauntlet.probe.SecurityStage;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import dev.gauntlet.process.Workspace;
import dev.gauntlet.prometheus.PrometheusExport;
import dev.gauntlet.report.ConsoleReport;
import dev.gauntlet.report.Report;
import dev.gauntlet.report.Reports;
import dev.gauntlet.report.RunEvidence;
import dev.gauntlet.report.Views;
import dev.gauntlet.resource.ResourceSampler;
import dev.gauntlet.resource.ResourceSamples;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    private final ChildProcesses processes;
    private final Workspace workspace;
    private final StageHook hook;
    private final Running running = new Running();
    /** What the stages returned so far; a new value is published after each stage (read by the shutdown hook). */
    private volatile RunEvidence evidence;
    /** The load as run (a simulation's plan declared) and the run history: set once, before anything starts. */
    private volatile LoadSpec loadSpec;
    private volatile HistoryRun history;
    /** Known to the run's own thread only. */
    private volatile Planning planning;
    private Preflight.Plan plan;
    private Environment environment;
    private AfterLoad afterLoad;
    /** The load worker started ahead of its load (null: started by the load stage); the traffic it was given. */
    private LoadStage.Ahead ahead;
    private ContractTraffic traffic;
    private Report finished;
    /** Where the run's time went, stage by stage (the console's last line). */
    private final StageTimes times = new StageTimes();

    private Gate(GateSpec spec, Path runDir, PrintStream console, Workspace workspace, StageHook hook) {
        this.spec = spec;
        this.processes = new ChildProcesses(Leftovers.shared(), workspace);
        this.workspace = workspace;
        this.runDir = runDir;
        this.console = console;
        this.hook = hook;
        this.loadSpec = spec.load();
        this.evidence = RunEvidence.start(runDir, Instant.now(), spec.environment().name(), spec.environment().kind());
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
        long started = System.currentTimeMillis(); // class lists older than this were recorded by an earlier gate
        Gate gate = new Gate(spec, runDir, console, workspace, hook);
        Thread shutdown = new Thread(() -> gate.finish(new Report.Aborted("interrupted",
                "the gate was interrupted (SIGINT/SIGTERM); every started process was stopped")), "gauntlet-teardown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            Outcome outcome = gate.stages(); // then the load worker's classes are archived, by their second gate
            LoadStage.archive(workspace).write(line -> console.println("[gate] " + line), started);
            return outcome;
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

    /** A stage: given the evidence so far, returns it with what the stage found. */
    @FunctionalInterface
    private interface Body {
        RunEvidence run(RunEvidence before) throws Exception;
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
        if (CacheChecks.wanted(spec.objectives())) {
            steps.add(new Step(Stages.CACHING, this::checkCaching));
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
                long t0 = System.nanoTime();
                evidence = step.body().run(evidence);
                times.add(step.stage(), t0);
            } catch (Throwable failure) { // every failure, Errors included: teardown and a report whatever happens
                String stage = Stages.of(step.stage(), failure);
                Report.Aborted aborted = Stages.aborted(stage, failure, spec.file(), runDir);
                return new Outcome(Stages.exitCode(stage, failure), finish(aborted), runDir);
            }
        }
        Report report = finish(null);
        return new Outcome(report.verdict() == Status.FAIL ? FAILED : PASSED, report, runDir);
    }

    /**
     * Settings, phases, operations named in a file, the pacts: read and checked with the simulation's dry run (a
     * forked JVM) while the environment starts, joined right after it; with a run history they are waited for here,
     * as the machine's calibration must come before any service starts.
     */
    private RunEvidence preflight(RunEvidence before) {
        planning = new Planning(spec, workspace);
        if (spec.history() != null) {
            planned();
        }
        return before;
    }

    /** The plan of the dry run, once: the load as run, its notes, the run history started. */
    private void planned() {
        if (plan != null) {
            return;
        }
        plan = planning.join();
        if (plan.simulation() != null) {
            loadSpec = loadSpec.withSimulation(plan.simulation());
        }
        plan.notes().forEach(note -> console.println("[gate] note: " + note));
        HistoryRun kept = HistoryRun.start(spec.history(), spec.environment().name(), loadSpec, plan.plan(),
                console::println);
        if (kept != null) { // pending objectives count their passing runs in the history
            kept.countingPasses(spec.pending().values().stream().mapToInt(Integer::intValue).max().orElse(0));
        }
        history = kept;
    }

    /** The pacts and OpenAPI model, loaded once for every stage; the load worker started ahead (its traffic first). */
    private RunEvidence loadInputs(RunEvidence before) {
        planned();
        plan = Preflight.withInputs(spec, plan, environment.underTest().name(), environment.underTest().url());
        traffic = loadSpec.enabled() && loadSpec.fromContracts() ? ContractTraffic.orNull(this::contractTraffic) : null;
        if (loadSpec.enabled() && (!loadSpec.fromContracts() || traffic != null)) {
            loadAhead();
        }
        return before;
    }

    /**
     * Starts the load worker now, so that its JVM and simulation get ready while contracts and probes run; it sends
     * nothing before {@link #runLoad}.
     */
    private void loadAhead() {
        RunningService target = environment.underTest();
        afterLoad = AfterLoad.prepare(spec, plan.inputs(), target, console::println, runDir);
        ahead = LoadStage.ahead(loadSpec, plan.plan(), target.url(), spec.environment().reach().targets(), runDir,
                processes, afterLoad.tap());
    }

    private RunEvidence startEnvironment(RunEvidence before) {
        environment = EnvironmentStart.start(spec, runDir, processes, console, planning);
        return before.withServices(EnvironmentStart.listed(environment, console));
    }

    private RunEvidence verifyContracts(RunEvidence before) {
        RunningService target = environment.underTest();
        console.println("[gate] contracts: verifying pacts in " + spec.contracts().folder() + (spec.contracts().broker() == null
                ? "" : " and from the Pact Broker at " + spec.contracts().broker().url()) + " against " + target.url());
        return before.withContracts(ContractStage.verify(spec.contracts(), plan.inputs(), target.name(), target.url()));
    }

    private RunEvidence probeSecurity(RunEvidence before) {
        RunningService target = environment.underTest();
        console.println("[gate] security: probing " + target.url() + " with requests made from the contracts");
        return before.withSecurity(SecurityStage.run(spec.security(), spec.contracts(), plan.inputs(), target.name(),
                target.url()));
    }

    /** The cache-control policy and validators, judged on the contracts' GET interactions sent again. */
    private RunEvidence checkCaching(RunEvidence before) throws IOException {
        RunningService target = environment.underTest();
        console.println("[gate] caching: sending the contracts' GET interactions to " + target.url()
                + " to judge Cache-Control and validators");
        List<ObjectiveResult> results = new ArrayList<>(before.objectives());
        results.addAll(CacheChecks.run(spec.objectives(), spec.security(), spec.contracts(), plan.inputs(),
                target.name(), target.url(), runDir, console::println));
        return before.withObjectives(results);
    }

    private RunEvidence trafficFromContracts(RunEvidence before) throws IOException {
        console.println("[gate] load: " + loadSpec.describe() + " against " + environment.underTest().url());
        ContractTraffic made = traffic != null ? traffic : contractTraffic(); // what failed before fails here
        console.println("[gate]   " + made.summary());
        if (ahead == null) {
            loadAhead();
        }
        return before.withTraffic(made);
    }

    private ContractTraffic contractTraffic() throws IOException {
        return ContractTraffic.written(spec.contracts(), plan.inputs(), environment.underTest().name(), loadSpec.mix(),
                RunFiles.load(runDir).resolve(RunFiles.TRAFFIC));
    }

    private RunEvidence startFaults(RunEvidence before) {
        running.started(FaultSchedule.start(spec.faults(), environment, RunFiles.load(runDir).resolve(RunFiles.TIMELINE),
                console::println));
        return before;
    }

    private RunEvidence runLoad(RunEvidence before) {
        RunningService target = environment.underTest();
        if (!loadSpec.fromContracts()) {
            console.println("[gate] load: " + loadSpec.describe() + " against " + target.url());
        }
        afterLoad = afterLoad != null ? afterLoad // prepared with the load worker started ahead, or now
                : AfterLoad.prepare(spec, plan.inputs(), target, console::println, runDir);
        running.started(ResourceSampler.start(environment)); // memory and CPU of every service while the load runs
        UnderFaults underFaults = UnderFaults.start(spec, plan.inputs(), target, running::faultsOn, console::println);
        running.started(Monitor.start(spec.objectives(), name -> name == null ? target.url()
                : environment.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().url()));
        try {
            afterLoad.loadStarting(runDir);
            LoadResults results = ahead != null ? LoadStage.run(ahead, console::println)
                    : LoadStage.run(loadSpec, target.url(), spec.environment().reach().targets(), runDir, processes,
                            console::println, afterLoad.tap());
            return underFaults.finish(before.withLoad(loadSpec.describe(), results));
        } finally {
            afterLoad.loadEnded();
            underFaults.stop();
            running.stopResources();
        }
    }

    /** Faults off (the load is over), then acknowledged writes read back and sampled answers matched. */
    private RunEvidence checkAfterLoad(RunEvidence before) {
        Running.Faults faults = running.stopFaults();
        AfterLoad.Checked checked = afterLoad.check(before.load(), environment.underTest(), runDir, console::println);
        running.stopMonitor(); // after the checks: the health endpoints had time to recover from the last fault
        List<ObjectiveResult> objectives = new ArrayList<>(before.objectives());
        objectives.addAll(checked.objectives());
        return before.withFaults(faults.edges(), faults.origin()).withLoad(before.loadPlan(), checked.load())
                .withObjectives(objectives);
    }

    /** The objectives scored against what the load recorded (the after-load checks' kept). */
    private RunEvidence score(RunEvidence before) {
        LoadResults load = before.load();
        if (load == null) {
            return before;
        }
        ResourceSamples samples = running.stopResources();
        List<ObjectiveResult> scored = Scoring.objectives(spec, load, before.faults(), samples, running.stopMonitor(),
                environment.underTest().name(), history, before.objectives(), runDir, console);
        return before.withResources(samples).withObjectives(scored);
    }

    /**
     * Tears down, writes the report (once) and prints the verdict. Called by the run or by the shutdown hook: it reads
     * only the published evidence and stops what runs through {@link Running}. Never throws: a teardown step that
     * fails is reported and the next one still runs; a report that cannot be written whole is written plain, aborted
     * in stage {@code report}.
     */
    private synchronized Report finish(Report.Aborted aborted) {
        if (finished != null) {
            return finished;
        }
        long t0 = System.nanoTime();
        Report report = report(aborted);
        times.add("teardown and report", t0);
        ConsoleReport.wrap("[gate] time: " + times, ConsoleReport.WIDTH).forEach(console::println);
        console.flush();
        return report;
    }

    /** Tears down and writes the report; see {@link #finish}. */
    private Report report(Report.Aborted aborted) {
        List<String> teardownProblems = new ArrayList<>();
        running.stopping(); // a fault schedule or sampler the run thread starts from now on stops at once
        Running.Faults[] faults = {Running.Faults.NONE};
        Stages.guarded("revert the faults", () -> faults[0] = running.stopFaults(), teardownProblems);
        ResourceSamples[] samples = {null};
        Stages.guarded("stop sampling memory and CPU", () -> samples[0] = running.stopResources(), teardownProblems);
        Stages.guarded("stop polling health and metrics", running::stopMonitor, teardownProblems);
        Stages.Aside stopping = Stages.stopAside(processes, planning); // the report needs none of them
        RunEvidence e = evidence.withFaults(faults[0].edges(), faults[0].origin()).withResources(samples[0]);
        LoadSpec load = loadSpec;
        HistoryRun kept = history;
        Report report = null;
        try {
            report = Reports.of(e, aborted, Instant.now());
            if (kept != null) {
                report = report.withHistory(kept.keep(report.runId(), e.started(), report.verdict(),
                        report.objectives(), e.load()));
            }
            report = PrometheusExport.push(spec.prometheus(), report, e.load(), load, console::println);
            hook.entering(Stages.REPORT);
            Views.write(report, e.load(), runDir, console);
        } catch (Throwable failure) { // a report must reach the disk whatever failed: write it plain
            Report.Aborted why = aborted != null ? aborted : Stages.aborted(Stages.REPORT, failure, spec.file(), runDir);
            console.println("[gate] the report could not be written whole (" + Stages.describe(failure)
                    + "); writing it plain");
            report = Reports.plain(e, report, why, Instant.now());
            Views.writePlain(report, runDir, console);
        }
        teardownProblems.addAll(stopping.join());
        teardownProblems.forEach(p -> console.println("[gate] teardown: " + p));
        Views.printWhere(runDir, console);
        console.flush();
        finished = report;
        return finished;
    }
}
