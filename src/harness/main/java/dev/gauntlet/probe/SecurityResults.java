package dev.gauntlet.probe;

import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the security probes found: every failing probe with its request and answer, passing probes counted per kind.
 *
 * @param kinds    one row per probe kind: run or switched off, passed, failed, cut by the bounds
 * @param failures every failing probe, with request (credentials redacted) and answer; those the findings baseline
 *                 accepts carry {@link ProbeResult#accepted()}, those run under a fault {@link ProbeResult#during()}
 * @param warnings probes that held but answered unusually (a refusal with 401 where 403 or 404 was due): WARN
 * @param expired  entries of the findings baseline past their expiry date, each with its reason: they FAIL
 * @param underFaults the authorization probes run again while each fault was on ({@code security.duringFaults})
 * @param notes    probes that could not be made, and why (no second identity, a state that cannot be set up …)
 * @param requests requests the probes sent (state set-ups aside)
 * @param millis   wall time of the probes
 */
public record SecurityResults(List<Kind> kinds, List<ProbeResult> failures, List<ProbeResult> warnings,
                              List<String> expired, List<UnderFault> underFaults, List<String> notes, int requests,
                              long millis) {
    public SecurityResults {
        kinds = List.copyOf(kinds);
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
        expired = List.copyOf(expired);
        underFaults = List.copyOf(underFaults);
        notes = List.copyOf(notes);
    }

    /** Results without warnings, baseline or faults. */
    public SecurityResults(List<Kind> kinds, List<ProbeResult> failures, List<String> notes, int requests, long millis) {
        this(kinds, failures, List.of(), List.of(), List.of(), notes, requests, millis);
    }

    /**
     * The authorization probes run while one fault was on.
     *
     * @param fault                which ({@code stop on payments #1})
     * @param probes               probes run
     * @param failed               probes that failed
     * @param failedOnlyUnderFault of those, the ones whose probe held at rest
     * @param stillOn              whether the fault stayed on until its probes ended (else they were stopped when it
     *                             went off, or after {@link FaultProbes#PER_FAULT}: the rest were not run)
     * @param millis               wall time of the probes
     */
    public record UnderFault(String fault, int probes, int failed, int failedOnlyUnderFault, boolean stillOn,
                             long millis) {
    }

    /**
     * One probe kind.
     *
     * @param kind    which
     * @param enabled false when the environment file switched it off
     * @param passed  probes that passed
     * @param failed  probes that failed
     * @param cut     probes the bounds ({@code security.maxProbes}, {@code security.timeout}) did not let start
     */
    public record Kind(ProbeKind kind, boolean enabled, int passed, int failed, int cut) {
        public int probes() {
            return passed + failed;
        }
    }

    static SecurityResults of(SecuritySpec spec, List<ProbeResult> results, Map<ProbeKind, Integer> cut,
                              List<String> notes, int requests, long millis) {
        List<Kind> kinds = new ArrayList<>();
        for (ProbeKind k : ProbeKind.values()) {
            int passed = (int) results.stream().filter(r -> r.kind() == k && r.passed()).count();
            int failed = (int) results.stream().filter(r -> r.kind() == k && !r.passed()).count();
            kinds.add(new Kind(k, spec.runs(k), passed, failed, cut.getOrDefault(k, 0)));
        }
        List<String> allNotes = new ArrayList<>(notes);
        int cutTotal = cut.values().stream().mapToInt(Integer::intValue).sum();
        if (cutTotal > 0) {
            allNotes.add(0, "the bounds (security.maxProbes " + spec.maxProbes() + ", security.timeout "
                    + spec.timeout().toSeconds() + " s) cut " + cutTotal + " probe(s): " + cut);
        }
        return new SecurityResults(kinds, results.stream().filter(r -> !r.passed()).toList(),
                results.stream().filter(ProbeResult::warns).toList(), List.of(), List.of(), allNotes, requests, millis);
    }

    /**
     * These results (at rest) with the probes run under faults added: counted in their kinds (and their probes cut by
     * the bounds), their failures listed with whether the same probe held at rest, their notes kept.
     */
    SecurityResults withUnderFaults(List<ProbeResult> underFault, List<UnderFault> runs, List<String> faultNotes,
                                    Map<ProbeKind, Integer> faultCut) {
        java.util.Set<String> failedAtRest = new java.util.HashSet<>();
        failures.forEach(f -> failedAtRest.add(f.key()));
        List<ProbeResult> all = new ArrayList<>(failures);
        java.util.Map<String, Integer> onlyUnder = new java.util.HashMap<>();
        for (ProbeResult r : underFault) {
            if (!r.passed()) {
                boolean heldAtRest = !failedAtRest.contains(r.duringFault(null).key());
                if (heldAtRest) {
                    onlyUnder.merge(r.during(), 1, Integer::sum);
                }
                all.add(new ProbeResult(r.kind(), r.operation(), r.interaction(), r.probe(), false, r.reason()
                        + (heldAtRest ? " (held at rest: it failed only while " + r.during() + " was on)"
                        : " (it failed at rest too)"), r.request(), r.answer(), r.evidence(), r.pending(), null,
                        r.accepted(), r.during()));
            }
        }
        List<Kind> counted = new ArrayList<>();
        for (Kind k : kinds) {
            int passed = (int) underFault.stream().filter(r -> r.kind() == k.kind() && r.passed()).count();
            int failed = (int) underFault.stream().filter(r -> r.kind() == k.kind() && !r.passed()).count();
            counted.add(new Kind(k.kind(), k.enabled(), k.passed() + passed, k.failed() + failed,
                    k.cut() + faultCut.getOrDefault(k.kind(), 0)));
        }
        List<UnderFault> summary = runs.stream().map(u -> new UnderFault(u.fault(), u.probes(), u.failed(),
                onlyUnder.getOrDefault(u.fault(), 0), u.stillOn(), u.millis())).toList();
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(faultNotes);
        return new SecurityResults(counted, all, warnings, expired, summary, allNotes, requests, millis);
    }

    /** Probes run, all kinds. */
    public int probes() {
        return kinds.stream().mapToInt(Kind::probes).sum();
    }

    /** Probes that passed, all kinds. */
    public int passed() {
        return kinds.stream().mapToInt(Kind::passed).sum();
    }

    /**
     * The objective of kind {@code security}, one result per probe kind that ran: FAIL when any probe of it failed,
     * WARN when only probes of pending pacts (on the Pact Broker) or findings the baseline accepts failed, or a probe
     * held with an unusual answer; and one {@code security baseline} result when the baseline has expired entries.
     */
    public List<ObjectiveResult> objectives() {
        List<ObjectiveResult> out = new ArrayList<>();
        for (Kind k : kinds) {
            if (!k.enabled()) {
                continue;
            }
            boolean firm = failures.stream().anyMatch(f -> f.kind() == k.kind() && f.firm());
            long warned = warnings.stream().filter(w -> w.kind() == k.kind()).count();
            String detail = k.failed() > 0
                    ? k.failed() + " of " + k.probes() + " probes failed: " + failures.stream()
                    .filter(f -> f.kind() == k.kind()).map(f -> f.operation() + " (" + f.probe() + ")"
                            + (f.during() == null ? "" : " while " + f.during() + " was on")).distinct()
                    .limit(3).reduce((a, b) -> a + "; " + b).orElse("") + (firm ? "" : " (pending pacts or "
                    + "findings the baseline accepts only)")
                    : k.probes() + " probes passed" + (k.cut() > 0 ? ", " + k.cut() + " cut by the bounds" : "")
                    + (k.probes() == 0 ? " (nothing in the contracts to probe)" : "");
            if (warned > 0) {
                detail += "; " + warned + " held with an unusual answer: " + warnings.stream()
                        .filter(w -> w.kind() == k.kind()).findFirst().map(ProbeResult::warning).orElse("");
            }
            Status status = firm ? Status.FAIL : k.failed() > 0 || warned > 0 ? Status.WARN : Status.PASS;
            Objective.Security objective = new Objective.Security("security " + k.kind().title());
            out.add(ObjectiveResult.of(objective, objective.name(), "security", "all", status, (double) k.failed(), 1,
                    "failed", 1.0 - k.failed(), k.probes(), detail, Map.of("passed", (double) k.passed(),
                    "failed", (double) k.failed(), "cut", (double) k.cut())));
        }
        if (!expired.isEmpty()) {
            Objective.Security objective = new Objective.Security("security baseline");
            out.add(ObjectiveResult.of(objective, objective.name(), "security", "all", Status.FAIL,
                    (double) expired.size(), 0, "expired", -(double) expired.size(), expired.size(), expired.size()
                    + " accepted finding(s) past their expiry date: " + String.join("; ", expired),
                    Map.of("expired", (double) expired.size())));
        }
        return out;
    }
}
