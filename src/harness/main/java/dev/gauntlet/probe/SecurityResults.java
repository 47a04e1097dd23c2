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
 * @param failures every failing probe, with request (credentials redacted) and answer
 * @param notes    probes that could not be made, and why (no second identity, a state that cannot be set up …)
 * @param requests requests the probes sent (state set-ups aside)
 * @param millis   wall time of the probes
 */
public record SecurityResults(List<Kind> kinds, List<ProbeResult> failures, List<String> notes, int requests,
                              long millis) {
    public SecurityResults {
        kinds = List.copyOf(kinds);
        failures = List.copyOf(failures);
        notes = List.copyOf(notes);
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
        return new SecurityResults(kinds, results.stream().filter(r -> !r.passed()).toList(), allNotes, requests,
                millis);
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
     * WARN when only probes of pending pacts (on the Pact Broker) failed.
     */
    public List<ObjectiveResult> objectives() {
        List<ObjectiveResult> out = new ArrayList<>();
        for (Kind k : kinds) {
            if (!k.enabled()) {
                continue;
            }
            boolean firm = failures.stream().anyMatch(f -> f.kind() == k.kind() && !f.pending());
            String detail = k.failed() > 0
                    ? k.failed() + " of " + k.probes() + " probes failed: " + failures.stream()
                    .filter(f -> f.kind() == k.kind()).map(f -> f.operation() + " (" + f.probe() + ")").distinct()
                    .limit(3).reduce((a, b) -> a + "; " + b).orElse("") + (firm ? "" : " (pending pacts only)")
                    : k.probes() + " probes passed" + (k.cut() > 0 ? ", " + k.cut() + " cut by the bounds" : "")
                    + (k.probes() == 0 ? " (nothing in the contracts to probe)" : "");
            Objective.Security objective = new Objective.Security("security " + k.kind().title());
            out.add(ObjectiveResult.of(objective, objective.name(), "security", "all",
                    firm ? Status.FAIL : k.failed() > 0 ? Status.WARN : Status.PASS, (double) k.failed(), 1, "failed",
                    1.0 - k.failed(), k.probes(), detail, Map.of("passed", (double) k.passed(),
                    "failed", (double) k.failed(), "cut", (double) k.cut())));
        }
        return out;
    }
}
