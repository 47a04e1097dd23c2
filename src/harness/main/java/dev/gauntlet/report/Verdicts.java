package dev.gauntlet.report;

import dev.gauntlet.contract.AllowedExposure;
import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.Coverage;
import dev.gauntlet.contract.Exposure;
import dev.gauntlet.contract.InteractionResult;
import dev.gauntlet.probe.ProbeResult;
import dev.gauntlet.probe.SecurityResults;
import dev.gauntlet.resource.MachineLoad;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import dev.gauntlet.slo.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Folds the stages' results into one verdict: the one place where its checks ({@link Reason}s) are made. Every view
 * renders these checks and nothing else decides PASS, INCONCLUSIVE, WARN or FAIL, so a new kind of result is one more loop here.
 */
public final class Verdicts {
    private Verdicts() {
    }

    /**
     * The verdict and every check it is made of.
     *
     * @param status the worst status of the checks (PASS when there are none)
     * @param checks every check, passed or not, in the order the views list them
     */
    public record Verdict(Status status, List<Reason> checks) {
        public Verdict {
            checks = List.copyOf(checks);
        }

        /** The reasons the verdict is not a plain PASS, as {@link ReasonLines#texts} lists them. */
        public List<String> reasons() {
            return ReasonLines.texts(checks);
        }
    }

    public static Verdict of(Report.Contracts contracts, Report.Load load, List<ObjectiveResult> objectives,
                             List<Report.Fault> faults, Report.Aborted aborted) {
        return of(contracts, load, objectives, faults, aborted, null);
    }

    /** As above, with the security probes: one failing check per failing probe (their kinds' rows are objectives). */
    public static Verdict of(Report.Contracts contracts, Report.Load load, List<ObjectiveResult> objectives,
                             List<Report.Fault> faults, Report.Aborted aborted, SecurityResults security) {
        List<Reason> checks = new ArrayList<>();
        for (Report.Fault f : faults) {
            String name = f.kind() + " on " + f.service();
            if (f.evidence() != null && !f.evidence().tookEffect()) {
                checks.add(Reason.fail("faults", name, f.evidence().reason(f.service(), f.kind()), f.evidence().toString()));
            } else if (f.error() != null) {
                checks.add(Reason.fail("faults", name, "fault " + name + " did not happen as planned: " + f.error(), ""));
            } else {
                checks.add(new Reason(Status.PASS, "faults", name, String.format(Locale.ROOT,
                        "fault %s: on at +%.1f s, off at +%.1f s", name, f.startOffsetMillis() / 1000.0,
                        f.endOffsetMillis() / 1000.0) + (f.evidence() == null ? "" : "; " + f.evidence().observed()),
                        f.evidence() == null ? "" : f.evidence().toString()));
            }
        }
        if (aborted != null) {
            checks.add(aborted(aborted));
        }
        if (contracts != null) {
            contracts(contracts, checks);
        }
        if (load != null) {
            checks.add(load.refusedConnections().isEmpty()
                    ? Reason.pass("load", "loopback", "the load reached no host other than loopback")
                    : Reason.fail("load", "loopback", "the load tried to reach hosts other than loopback (refused): "
                    + String.join(", ", load.refusedConnections()), String.join("\n", load.refusedConnections())));
            InjectorViews.checks(load.injectors(), checks);
        }
        if (security != null) {
            for (ProbeResult p : security.failures()) {
                checks.add(p.pending() ? BrokerVerdicts.pending(p) : p.accepted() != null
                        ? Reason.warn("security." + p.kind().field(), p.operation() + " " + p.probe(),
                        "accepted by the findings baseline, security probe failed: " + p.summary(),
                        "security.baseline accepts this finding: " + p.accepted() + "\n" + SecurityViews.evidence(p))
                        : Reason.fail("security." + p.kind().field(), p.operation() + " " + p.probe(),
                        "security probe failed: " + p.summary(), SecurityViews.evidence(p)));
            }
            for (ProbeResult p : security.warnings()) {
                checks.add(Reason.warn("security." + p.kind().field(), p.operation() + " " + p.probe(),
                        "security probe held, with an unusual answer: " + p.warning(), SecurityViews.evidence(p)));
            }
        }
        for (ObjectiveResult o : objectives) {
            String source = "objectives" + (o.phase() == null ? "" : "." + o.phase());
            checks.add(new Reason(o.status(), source, o.name(), o.name() + ": " + o.detail(), evidence(o), 0,
                    o.kind()));
        }
        return new Verdict(checks.stream().map(Reason::status).reduce(Status.PASS, Status::and), checks);
    }

    /**
     * {@code verdict} with one check per started service that listens on a wildcard address (every interface) rather
     * than loopback: WARN, naming the service and the addresses. An external service is not the gate's to check.
     */
    public static Verdict withServices(Verdict verdict, List<Report.Service> services) {
        List<Reason> checks = new ArrayList<>(verdict.checks());
        for (Report.Service s : services) {
            if (!s.wildcardListeners().isEmpty()) {
                checks.add(new Reason(Status.WARN, "environment", s.name(), "service " + s.name() + " listens on "
                        + String.join(", ", s.wildcardListeners()) + " (every interface), not on loopback only: "
                        + "bind it to 127.0.0.1 so that nothing beyond this machine can reach it during the gate",
                        "pid " + s.pid() + ", " + s.url()));
            }
        }
        return new Verdict(checks.stream().map(Reason::status).reduce(Status.PASS, Status::and), checks);
    }

    /** An objective's evidence: measured, threshold and margin, its samples and every further figure. */
    static String evidence(ObjectiveResult o) {
        StringBuilder e = new StringBuilder(Thresholds.evidence(o)).append(", ").append(o.samples()).append(" samples");
        if (!o.figures().isEmpty()) {
            e.append("\nfigures:");
            o.figures().forEach((k, v) -> e.append(' ').append(k).append(' ').append(v == Math.rint(v)
                    ? Long.toString(v.longValue()) : v.toString()).append(','));
            e.setLength(e.length() - 1);
        }
        return e.toString();
    }

    /** Kinds of objectives judged on latency alone, which a busy machine stretches. */
    private static final java.util.Set<String> TIMED = java.util.Set.of("latency", "regression");

    /**
     * {@code verdict} with every latency or regression objective that FAILED or was INCONCLUSIVE saying so
     * when the machine itself was busy during the load ({@link MachineLoad#busy()}); else {@code verdict} as it is.
     */
    public static Verdict withMachine(Verdict verdict, MachineLoad machine) {
        if (machine == null || !machine.busy()) {
            return verdict;
        }
        List<Reason> checks = new ArrayList<>();
        for (Reason c : verdict.checks()) {
            boolean said = TIMED.contains(c.kind()) && (c.status() == Status.FAIL || c.status() == Status.INCONCLUSIVE);
            checks.add(said ? c.withMessage(c.message() + "; " + machine.words()) : c);
        }
        return new Verdict(verdict.status(), checks);
    }

    /** The check of an aborted run: FAIL, named after the stage, its first line the reason, the rest evidence. */
    public static Reason aborted(Report.Aborted aborted) {
        String first = aborted.reason().lines().findFirst().orElse("");
        return Reason.fail("gate", aborted.stage(), "aborted in " + aborted.stage() + ": " + first, aborted.reason());
    }

    private static void contracts(Report.Contracts contracts, List<Reason> checks) {
        for (String p : contracts.problems()) {
            checks.add(Reason.fail("contracts", "pacts", "contracts: " + p, ""));
        }
        for (InteractionResult i : contracts.results()) {
            checks.add(interaction(i));
        }
        Coverage coverage = contracts.coverage();
        if (coverage != null) {
            for (Coverage.Row row : coverage.table()) {
                if (!coverage.uncovered().contains(row.operation())) {
                    checks.add(Reason.pass("contracts.coverage", row.operation(), "covered by " + row.interactions()
                            + " interaction(s)"));
                }
            }
            for (String op : coverage.uncovered()) {
                checks.add(Reason.fail("contracts.coverage", op, "operation not covered by any contract: " + op,
                        "no verified interaction of any consumer exercises " + op));
            }
        }
        for (Exposure e : contracts.exposure()) {
            for (String field : e.fields()) {
                checks.add(e.pending() ? BrokerVerdicts.pending(e, field) : Reason.fail("contracts.exposure", e.operation() + " " + field, "response field no contract mentions: "
                        + field + " in " + e.operation(), e.operation() + " returned " + field + ", which no consumer's"
                        + " contract mentions; remove it from the response or allow it in contracts.allowExposure with"
                        + " a reason"));
            }
        }
        for (AllowedExposure a : contracts.allowedExposure()) {
            checks.add(Reason.pass("contracts.exposure", a.operation() + " " + a.field(), "allowed by contracts.allowExposure: "
                    + a.reason()));
        }
        contracts.published().forEach(p -> checks.add(BrokerVerdicts.published(p)));
    }

    /** One check per interaction: broken when any of its expectations is, with every mismatch as evidence. */
    private static Reason interaction(InteractionResult i) {
        String source = "contracts." + i.consumer();
        if (i.passed()) {
            return new Reason(Status.PASS, source, i.interaction(), "verified (" + i.method() + " " + i.path() + ")", "",
                    i.millis());
        }
        if (i.pending()) {
            return BrokerVerdicts.pending(i);
        }
        StringBuilder evidence = new StringBuilder();
        for (ContractFailure f : i.failures()) {
            evidence.append(f.summary()).append("\n  expected: ").append(f.expected())
                    .append("\n  actual:   ").append(f.actual()).append('\n');
        }
        int more = i.failures().size() - 1;
        return new Reason(Status.FAIL, source, i.interaction(), "contract broken: " + i.failures().get(0).summary()
                + (more > 0 ? " (and " + more + " more mismatch" + (more > 1 ? "es" : "") + ")" : ""), evidence.toString(),
                i.millis());
    }
}
