package dev.gauntlet.gate;

import dev.gauntlet.contract.ContractResults;
import dev.gauntlet.contract.ContractStage;
import dev.gauntlet.contract.ContractTraffic;
import dev.gauntlet.contract.Replay;
import dev.gauntlet.environment.Environment;
import dev.gauntlet.environment.EnvironmentException;
import dev.gauntlet.environment.RunningService;
import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.fault.FaultSchedule;
import dev.gauntlet.load.ContractSimulation;
import dev.gauntlet.load.LoadException;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.load.LoadStage;
import dev.gauntlet.load.Simulations;
import dev.gauntlet.load.Timeline;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import dev.gauntlet.probe.SecurityResults;
import dev.gauntlet.probe.SecurityStage;
import dev.gauntlet.process.Workspace;
import dev.gauntlet.report.ConsoleReport;
import dev.gauntlet.report.Html;
import dev.gauntlet.report.Report;
import dev.gauntlet.report.ReportWriter;
import dev.gauntlet.report.Verdicts;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Slos;
import dev.gauntlet.slo.Status;
import dev.gauntlet.spec.GateSpec;
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
 * environment down. Teardown always runs (normal end, failure, Ctrl-C) and a report is written in every case.
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

    private Gate(GateSpec spec, Path runDir, PrintStream console, Workspace workspace) {
        this.spec = spec;
        this.processes = new ChildProcesses(Leftovers.shared(), workspace);
        this.runDir = runDir;
        this.console = console;
    }

    /** What a run produced: its report and the exit code for the CLI. */
    public record Outcome(int exitCode, Report report, Path runDir) {
    }

    /** Runs the gate; never throws for a failed service or load, which become an aborted report instead. */
    public static Outcome run(GateSpec spec, Path runDir, PrintStream console) {
        return run(spec, runDir, console, Workspace.current());
    }

    /**
     * Runs the gate with child processes in {@code workspace}'s folder and JVMs forked with its class path (the
     * Maven plugin's way); never throws for a failed service or load.
     */
    public static Outcome run(GateSpec spec, Path runDir, PrintStream console, Workspace workspace) {
        Gate gate = new Gate(spec, runDir, console, workspace);
        int swept = Leftovers.shared().sweep(line -> console.println("[gate] " + line))
                + Environment.sweepLeftovers(spec.environment(), line -> console.println("[gate] " + line));
        if (swept > 0) {
            console.println("[gate] stopped " + swept + " process(es)/container(s) left behind by an earlier gate");
        }
        Thread hook = new Thread(() -> gate.finish(new Report.Aborted("interrupted",
                "the gate was interrupted (SIGINT/SIGTERM); every started process was stopped")), "gauntlet-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return gate.stages();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it finishes the report
            }
        }
    }

    private Outcome stages() {
        LoadSpec loadSpec = spec.load();
        if (loadSpec.enabled() && !loadSpec.fromContracts()) {
            try {
                loadSpec = loadSpec.withSimulation(Simulations.resolve(loadSpec.simulation(),
                        processes.workspace().classpath()));
            } catch (IllegalArgumentException e) {
                return new Outcome(USAGE, finish(new Report.Aborted("config", spec.file() + ": " + e.getMessage())), runDir);
            }
        }
        console.println("[gate] environment " + spec.environment().name() + ": starting "
                + spec.environment().services().size() + " service(s); run folder " + runDir);
        try {
            environment = Environment.start(spec.environment(), runDir, processes, line -> console.println("[gate]   " + line));
        } catch (EnvironmentException e) {
            return new Outcome(ENVIRONMENT_FAILED, finish(new Report.Aborted("environment", e.getMessage())), runDir);
        }
        RunningService target = environment.underTest();
        environment.services().forEach(s -> console.println("[gate]   " + s.name() + " " + s.url() + " (pid " + s.pid() + ")"));
        if (spec.contracts().enabled()) {
            console.println("[gate] contracts: verifying pacts in " + spec.contracts().folder() + " against " + target.url());
            contractResults = ContractStage.verify(spec.contracts(), target.name(), target.url());
            contracts = contracts(contractResults);
        }
        if (spec.contracts().enabled() && spec.security().enabled()) {
            console.println("[gate] security: probing " + target.url() + " with requests made from the contracts");
            security = SecurityStage.run(spec.security(), spec.contracts(), target.name(), target.url());
        }
        if (loadSpec.enabled()) {
            console.println("[gate] load: " + loadSpec.describe() + " against " + target.url());
            if (loadSpec.fromContracts()) {
                try {
                    traffic = ContractTraffic.of(spec.contracts(), target.name(), target.url(), loadSpec.mix());
                    traffic.write(runDir.resolve("load").resolve(ContractSimulation.TRAFFIC_FILE));
                } catch (IllegalArgumentException e) {
                    return new Outcome(USAGE, finish(new Report.Aborted("config", spec.file() + ": " + e.getMessage())),
                            runDir);
                } catch (IOException e) {
                    return new Outcome(FAILED, finish(new Report.Aborted("load", "cannot write the traffic for the "
                            + "load worker: " + e.getMessage())), runDir);
                }
                console.println("[gate]   " + traffic.replayed().size() + " of " + traffic.replays().size()
                        + " interactions become traffic" + (traffic.leftOut().isEmpty() ? ""
                        : "; left out: " + traffic.leftOut().stream().map(Replay::name).collect(Collectors.joining(", "))));
            }
            if (!spec.faults().isEmpty()) {
                faultSchedule = FaultSchedule.start(spec.faults(), environment, runDir.resolve("load").resolve("timeline.json"),
                        console::println);
            }
            try {
                LoadResults results = LoadStage.run(loadSpec, target.url(), runDir, processes,
                        line -> console.println(line));
                List<FaultEdge> edges = stopFaults();
                loadResults = results;
                load = load(results, loadSpec, traffic);
                if (contractResults != null) {
                    contracts = contracts(contractResults.withLoad(results.operations()));
                }
                objectives = Slos.evaluate(spec.objectives(), results, edges);
            } catch (LoadException e) {
                return new Outcome(FAILED, finish(new Report.Aborted("load", e.getMessage())), runDir);
            }
        }
        Report report = finish(null);
        return new Outcome(report.verdict() == Status.FAIL ? FAILED : PASSED, report, runDir);
    }

    /** Tears down, writes the report (once) and prints the verdict. Called by the run or by the shutdown hook. */
    private synchronized Report finish(Report.Aborted aborted) {
        if (finished != null) {
            return finished;
        }
        stopFaults();
        processes.close();
        Instant now = Instant.now();
        List<ObjectiveResult> scored = security == null ? objectives
                : java.util.stream.Stream.concat(security.objectives().stream(), objectives.stream()).toList();
        Verdicts.Verdict verdict = Verdicts.of(contracts, load, scored, faults, aborted, security);
        finished = new Report(verdict.status(), verdict.reasons(), runDir.getFileName().toString(), started.toString(),
                now.toString(), (now.toEpochMilli() - started.toEpochMilli()) / 1000.0, environmentInfo(), contracts,
                load, scored, faults, aborted, security);
        try {
            ReportWriter.write(finished, runDir);
            Html.write(finished, loadResults, runDir);
        } catch (IOException e) {
            console.println("[gate] could not write the report to " + runDir + ": " + e.getMessage());
        }
        ConsoleReport.print(finished, console);
        console.println("report: " + runDir.resolve("index.html") + " · " + runDir.resolve("report.json") + " · "
                + runDir.resolve("junit.xml"));
        console.flush();
        return finished;
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
                e.end() == 0 ? 0 : e.end() - e.scheduledEnd(), e.error())).toList();
        return edges;
    }

    private Report.EnvironmentInfo environmentInfo() {
        List<Report.Service> services = new ArrayList<>();
        if (environment != null) {
            for (RunningService s : environment.services()) {
                services.add(new Report.Service(s.name(), s.url().toString(), s.log().toString(),
                        s == environment.underTest()));
            }
        }
        return new Report.EnvironmentInfo(spec.environment().name(), spec.environment().kind(), services);
    }

    private static Report.Contracts contracts(ContractResults r) {
        return new Report.Contracts(r.interactions().size(), r.passed(), r.failed(), r.failures(), r.problems(),
                r.pacts(), r.interactions(), r.coverage(), r.exposure(), r.allowedExposure(), r.millis());
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
