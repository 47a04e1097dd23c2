package dev.gauntlet.report;

import dev.gauntlet.contract.ContractResults;
import dev.gauntlet.contract.ContractTraffic;
import dev.gauntlet.contract.Replay;
import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.files.RunFiles;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Timeline;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a run's {@link RunEvidence} into its {@link Report}: the parts, the checks and the verdict. */
public final class Reports {
    private Reports() {
    }

    /**
     * The report of {@code evidence} as it stands at {@code now}.
     *
     * @param aborted why the run stopped early, or null
     */
    public static Report of(RunEvidence evidence, Report.Aborted aborted, Instant now) {
        Report.Contracts contracts = contracts(evidence);
        Report.Load load = evidence.load() == null ? null : load(evidence.load(), evidence.loadPlan(), evidence.traffic());
        List<Report.Fault> faults = faults(evidence);
        List<ObjectiveResult> scored = new ArrayList<>(evidence.security() == null ? List.of()
                : evidence.security().objectives());
        scored.addAll(evidence.objectives());
        Verdicts.Verdict verdict = Verdicts.withMachine(Verdicts.withServices(Verdicts.of(contracts, load, scored,
                faults, aborted, evidence.security()), evidence.environment().services()),
                evidence.resources() == null ? null : evidence.resources().machine());
        return new Report(verdict.status(), verdict.reasons(), evidence.runId(), evidence.started().toString(),
                now.toString(), seconds(evidence, now), evidence.environment(), contracts, load, scored, faults,
                aborted, verdict.checks(), evidence.security(), evidence.resources());
    }

    /**
     * The report stripped to what cannot fail to serialise: verdict FAIL, the checks already found in {@code full}
     * (when it was built) plus the abort, the environment's name and the faults.
     */
    public static Report plain(RunEvidence evidence, Report full, Report.Aborted aborted, Instant now) {
        List<Reason> checks = new ArrayList<>(full == null ? List.of() : full.checks());
        if (full == null || full.aborted() != aborted) {
            checks.add(Verdicts.aborted(aborted));
        }
        List<String> reasons = ReasonLines.texts(checks);
        Report.EnvironmentInfo environment = new Report.EnvironmentInfo(evidence.environment().name(),
                evidence.environment().kind(), List.of());
        return new Report(Status.FAIL, reasons, evidence.runId(), evidence.started().toString(), now.toString(),
                seconds(evidence, now), environment, null, null, List.of(), faults(evidence), aborted, checks);
    }

    private static double seconds(RunEvidence evidence, Instant now) {
        return (now.toEpochMilli() - evidence.started().toEpochMilli()) / 1000.0;
    }

    /** The contracts' part; once the load ran, coverage counts the operations it exercised too. */
    private static Report.Contracts contracts(RunEvidence evidence) {
        ContractResults r = evidence.contracts();
        if (r == null) {
            return null;
        }
        if (evidence.load() != null) {
            r = r.withLoad(evidence.load().operations());
        }
        return new Report.Contracts(r.interactions().size(), r.passed(), r.failed(), r.failures(), r.problems(),
                r.pacts(), r.interactions(), r.coverage(), r.exposure(), r.allowedExposure(), r.millis(), r.published());
    }

    /** The faults on the load clock: offsets from the load's start (the gate's start when unknown). */
    private static List<Report.Fault> faults(RunEvidence evidence) {
        long origin = evidence.loadOrigin() > 0 ? evidence.loadOrigin() : evidence.started().toEpochMilli();
        List<Report.Fault> out = new ArrayList<>();
        for (FaultEdge e : evidence.faults()) {
            out.add(new Report.Fault(e.service(), e.kind(), e.phase(), Instant.ofEpochMilli(e.start()).toString(),
                    e.end() == 0 ? null : Instant.ofEpochMilli(e.end()).toString(), e.start() - origin,
                    e.end() == 0 ? 0 : e.end() - origin, e.start() - e.scheduledStart(),
                    e.end() == 0 ? 0 : e.end() - e.scheduledEnd(), e.error(), e.evidence()));
        }
        return out;
    }

    private static Report.Load load(LoadResults r, String plan, ContractTraffic traffic) {
        List<Report.PhaseSummary> phases = new ArrayList<>();
        for (Timeline.Window w : r.timeline().windows()) {
            phases.add(new Report.PhaseSummary(w.name(), w.scored(), Instant.ofEpochMilli(w.start()).toString(),
                    Instant.ofEpochMilli(w.end()).toString(), round(w.offeredRps()), round(r.injectedRps(w)),
                    round(r.requestRps(w)), r.count(c -> c.phase().equals(w.name())),
                    r.count(c -> c.phase().equals(w.name()) && c.outcome().isError()),
                    r.count(c -> c.phase().equals(w.name()) && c.outcome().isRateLimited()),
                    (w.end() - w.start()) / 1000.0, w.ended()));
        }
        return new Report.Load(plan, r.count(c -> true), phases, r.refusedConnections(),
                r.gatlingReport() == null ? null : r.gatlingReport().resolve(RunFiles.INDEX_HTML).toString(),
                operations(r, traffic), r.injectors());
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
                replays.isEmpty() ? null : round(replays.stream().mapToDouble(Replay::sharePercent).sum()), replays,
                RequestsTable.rows(r, op))));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
