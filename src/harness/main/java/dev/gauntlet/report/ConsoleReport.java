package dev.gauntlet.report;

import dev.gauntlet.contract.AllowedExposure;
import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.Exposure;
import dev.gauntlet.contract.Replay;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import dev.gauntlet.slo.Thresholds;
import java.io.PrintStream;
import java.util.Locale;

/** The verdict table printed at the end of a gate. */
public final class ConsoleReport {
    private ConsoleReport() {
    }

    public static void print(Report r, PrintStream out) {
        out.println();
        out.println("== gauntlet gate · environment " + r.environment().name() + " · run " + r.runId());
        if (r.aborted() != null) {
            out.println("ABORTED in " + r.aborted().stage() + ":");
            r.aborted().reason().lines().forEach(l -> out.println("  " + l));
        }
        if (r.contracts() != null) {
            Report.Contracts c = r.contracts();
            out.printf(Locale.ROOT, "CONTRACTS   %d interactions, %d passed, %d failed%n", c.interactions(), c.passed(), c.failed());
            c.problems().forEach(p -> out.println("  PROBLEM  " + p));
            for (ContractFailure f : c.failures()) {
                out.println("  FAIL  " + f.summary());
                if (!f.expected().isEmpty() || !f.actual().isEmpty()) {
                    out.println("        expected: " + f.expected());
                    out.println("        actual:   " + f.actual());
                }
            }
            if (c.coverage() != null) {
                out.printf(Locale.ROOT, "  coverage  %d of %d operations covered%n", c.coverage().covered(),
                        c.coverage().operations());
                c.coverage().uncovered().forEach(op -> out.println("  UNCOVERED " + op + " (no interaction exercises it)"));
            }
            for (Exposure e : c.exposure()) {
                e.fields().forEach(field -> out.println("  EXPOSED   " + e.operation() + ": " + field
                        + " (no contract mentions it)"));
            }
            for (AllowedExposure a : c.allowedExposure()) {
                out.println("  allowed   " + a.operation() + ": " + a.field() + " (" + a.reason() + ")");
            }
        }
        SecurityViews.console(r, out);
        if (r.load() != null) {
            Report.Load l = r.load();
            out.printf(Locale.ROOT, "LOAD        %s, %d requests%n", l.simulation(), l.requests());
            out.printf(Locale.ROOT, "  %-12s %6s %10s %10s %10s %8s %7s%n", "phase", "scored", "offered", "achieved",
                    "requests", "429", "errors");
            for (Report.PhaseSummary p : l.phases()) {
                out.printf(Locale.ROOT, "  %-12s %6s %8.1f/s %8.1f/s %8.1f/s %8d %7d%n", p.name(), p.scored() ? "yes" : "no",
                        p.offeredRps(), p.achievedRps(), p.requestRps(), p.rateLimited(), p.errors());
            }
            InjectorViews.console(l.injectors(), out);
            for (Replay left : l.leftOut()) {
                out.println("  LEFT OUT  " + left.name() + (left.operation().isEmpty() ? "" : " (" + left.operation() + ")")
                        + ": " + left.detail());
            }
        }
        if (!r.faults().isEmpty()) {
            out.println("FAULTS");
            for (Report.Fault f : r.faults()) {
                out.printf(Locale.ROOT, "  %-12s %-9s %-10s on %6.1f s (%+d ms)  off %6.1f s (%+d ms)%s%n", f.service(), f.kind(),
                        f.phase() == null ? "-" : f.phase(), f.startOffsetMillis() / 1000.0, f.onLateMillis(),
                        f.endOffsetMillis() / 1000.0, f.offLateMillis(), f.error() == null ? "" : "  ERROR " + f.error());
                if (f.evidence() != null) {
                    out.println("    " + f.evidence());
                }
            }
        }
        if (!r.objectives().isEmpty()) {
            out.println("OBJECTIVES");
            int width = Math.max(34, r.objectives().stream().mapToInt(o -> o.name().length()).max().orElse(0));
            int statusWidth = Math.max(6, r.objectives().stream().mapToInt(o -> o.status().name().length()).max().orElse(0));
            String row = "  %-" + statusWidth + "s %-" + width + "s %12s %12s %12s%s%n";
            out.printf(Locale.ROOT, row, "status", "objective", "measured", "threshold", "margin", "");
            for (ObjectiveResult o : r.objectives()) {
                out.printf(Locale.ROOT, row, o.status(), o.name(), Thresholds.value(o.measured(), o.unit()),
                        Thresholds.limit(o), Thresholds.value(o.margin(), o.unit()), IntervalViews.console(o));
            }
        }
        out.println("VERDICT     " + r.verdict() + String.format(Locale.ROOT, "  (%.1f s)", r.durationSeconds()));
        r.checks().stream().filter(c -> c.status() != Status.PASS).forEach(c -> out.println("  - " + c.message()));
    }
}
