package dev.gauntlet.report;

import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.Exposure;
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
            if (f.evidence() != null && !f.evidence().tookEffect()) {
                status = Status.FAIL;
                reasons.add(f.evidence().reason(f.service(), f.kind()));
            } else if (f.error() != null) {
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
}
