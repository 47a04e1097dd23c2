package dev.gauntlet.history;

import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Objectives marked {@code pending: N}: new thresholds that do not break the build on day one. Until an objective's
 * result has PASSED in N earlier runs of the history (counted by the result's name, so each operation of an
 * {@code operation: "*"} objective counts on its own), a FAIL is reported as WARN ("pending: 2 of 5 passing runs so
 * far"); from then on it fails like any other. Without a history nothing can be counted: a FAIL stays a WARN and says
 * that {@code history:} is needed. Pure.
 */
public final class Pending {
    private Pending() {
    }

    /**
     * Scores each objective with {@code score} and applies its pending setting to its results.
     *
     * @param pending by objective name (as in the environment file), how many passing runs make it binding
     * @param earlier the earlier comparable runs of the history, or null when the environment keeps no history
     */
    public static List<ObjectiveResult> score(List<Objective> objectives, Map<String, Integer> pending,
                                              Function<List<Objective>, List<ObjectiveResult>> score,
                                              List<RunRecord> earlier) {
        if (pending == null || pending.isEmpty()) {
            return score.apply(objectives);
        }
        List<ObjectiveResult> out = new ArrayList<>();
        for (Objective o : objectives) {
            List<ObjectiveResult> results = score.apply(List.of(o));
            Integer runs = pending.get(o.name());
            out.addAll(runs == null ? results : apply(results, runs, earlier));
        }
        return out;
    }

    /** The results of one pending objective that must pass {@code runs} times before a FAIL counts. */
    public static List<ObjectiveResult> apply(List<ObjectiveResult> results, int runs, List<RunRecord> earlier) {
        if (runs < 1) {
            throw new IllegalArgumentException("pending must be at least 1, got " + runs);
        }
        List<ObjectiveResult> out = new ArrayList<>();
        for (ObjectiveResult r : results) {
            out.add(apply(r, runs, earlier));
        }
        return out;
    }

    static ObjectiveResult apply(ObjectiveResult r, int runs, List<RunRecord> earlier) {
        Map<String, Double> figures = new LinkedHashMap<>(r.figures());
        figures.put("pendingRuns", (double) runs);
        if (earlier == null) {
            if (r.status() != Status.FAIL) {
                return with(r, r.status(), r.detail() + " (pending: " + runs + " passing runs; set history: to count them)",
                        figures);
            }
            return with(r, Status.WARN, "pending: passing runs cannot be counted without a history (set history: in the "
                    + "environment file); until " + runs + " have passed this FAIL is a warning: " + r.detail(), figures);
        }
        long passed = earlier.stream().filter(run -> run.objectives().stream()
                .anyMatch(o -> o.name().equals(r.name()) && o.status() == Status.PASS)).count();
        figures.put("pendingPassed", (double) passed);
        if (passed >= runs) {
            return with(r, r.status(), r.detail() + " (pending: " + runs + " passing runs reached, binding)", figures);
        }
        if (r.status() != Status.FAIL) {
            return with(r, r.status(), r.detail() + " (pending: " + passed + " of " + runs + " passing runs so far)",
                    figures);
        }
        return with(r, Status.WARN, "pending: " + passed + " of " + runs + " passing runs so far, so this FAIL is a "
                + "warning: " + r.detail(), figures);
    }

    private static ObjectiveResult with(ObjectiveResult r, Status status, String detail, Map<String, Double> figures) {
        return r.with(status, detail, figures);
    }
}
