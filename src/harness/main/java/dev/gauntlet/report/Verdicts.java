package dev.gauntlet.report;

import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.Exposure;
import dev.gauntlet.probe.ProbeResult;
import dev.gauntlet.probe.SecurityResults;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.List;

/** Folds the stages' results into one verdict with its reasons. */
public final class Verdicts {
    private Verdicts() {
    }

    /** The verdict and the reasons it is not a plain PASS. */
    public record Verdict(Status status, List<String> reasons) {
    }

    public static Verdict of(Report.Contracts contracts, Report.Load load, List<ObjectiveResult> objectives,
                             List<Report.Fault> faults, Report.Aborted aborted) {
        Status status = Status.PASS;
        List<String> reasons = new ArrayList<>();
        for (Report.Fault f : faults) {
            if (f.error() != null) {
                status = Status.FAIL;
                reasons.add("fault " + f.kind() + " on " + f.service() + " did not happen as planned: " + f.error());
            }
        }
        if (aborted != null) {
            status = Status.FAIL;
            reasons.add("aborted in " + aborted.stage() + ": " + aborted.reason().lines().findFirst().orElse(""));
        }
        if (contracts != null) {
            for (String p : contracts.problems()) {
                status = Status.FAIL;
                reasons.add("contracts: " + p);
            }
            for (ContractFailure f : contracts.failures()) {
                status = Status.FAIL;
                reasons.add("contract broken: " + f.summary());
            }
            for (String op : contracts.coverage() == null ? List.<String>of() : contracts.coverage().uncovered()) {
                status = Status.FAIL;
                reasons.add("operation not covered by any contract: " + op);
            }
            for (Exposure e : contracts.exposure()) {
                for (String field : e.fields()) {
                    status = Status.FAIL;
                    reasons.add("response field no contract mentions: " + field + " in " + e.operation());
                }
            }
        }
        if (load != null && !load.refusedConnections().isEmpty()) {
            status = Status.FAIL;
            reasons.add("the load tried to reach hosts other than loopback (refused): "
                    + String.join(", ", load.refusedConnections()));
        }
        for (ObjectiveResult o : objectives) {
            if (o.status() != Status.PASS) {
                status = status.and(o.status());
                reasons.add("objective " + o.status() + ": " + o.name() + ": " + o.detail());
            }
        }
        return new Verdict(status, reasons);
    }

    /** As {@link #of}, plus one reason per failing security probe (its objective rows are among {@code objectives}). */
    public static Verdict of(Report.Contracts contracts, Report.Load load, List<ObjectiveResult> objectives,
                             List<Report.Fault> faults, Report.Aborted aborted, SecurityResults security) {
        Verdict v = of(contracts, load, objectives, faults, aborted);
        if (security == null || security.failures().isEmpty()) {
            return v;
        }
        List<String> reasons = new ArrayList<>(v.reasons());
        for (ProbeResult p : security.failures()) {
            reasons.add("security probe failed: " + p.summary());
        }
        return new Verdict(Status.FAIL, reasons);
    }
}
