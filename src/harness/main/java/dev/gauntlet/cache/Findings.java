package dev.gauntlet.cache;

import dev.gauntlet.slo.Caching;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one caching rule found: how many answers it judged, and each breach with its request, answer and reason. */
final class Findings {
    private static final int EXAMPLES = 3;
    private static final int KEPT = 50;

    final Caching.Rule rule;
    long judged;
    long breaches;
    private final List<Map<String, Object>> kept = new ArrayList<>();
    private final List<String> examples = new ArrayList<>();

    Findings(Caching.Rule rule) {
        this.rule = rule;
    }

    /** A breach found sending {@code request}. */
    void add(String where, Exchanges.Request request, Exchanges.Answer answer, String reason) {
        Map<String, Object> e = new LinkedHashMap<>(request.shown());
        e.put("answer", answer.shown());
        add(where, reason, e);
    }

    /** A breach with its evidence. */
    void add(String where, String reason, Map<String, Object> evidence) {
        breaches++;
        if (kept.size() < KEPT) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("where", where);
            e.put("reason", reason);
            e.putAll(evidence);
            kept.add(e);
        }
        String example = where + ": " + reason;
        if (examples.size() < EXAMPLES && !examples.contains(example)) {
            examples.add(example);
        }
    }

    Map<String, Object> evidence() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("judged", judged);
        out.put("breaches", breaches);
        out.put("examples", kept);
        return out;
    }

    /** A WARN: the check could not tell, for {@code why}. */
    ObjectiveResult inconclusive(Caching objective, String why) {
        return ObjectiveResult.of(objective, objective.name(), "all", "all", Status.WARN, null, 0, "answers", null,
                judged, why, Map.of("judged", (double) judged, "breaches", 0.0));
    }

    /**
     * The objective's result: PASS with no breach, FAIL with one; WARN when nothing could be judged, for
     * {@code nothingJudged}.
     */
    ObjectiveResult result(Caching objective, String nothingJudged) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("judged", (double) judged);
        figures.put("breaches", (double) breaches);
        if (judged == 0) {
            return ObjectiveResult.of(objective, objective.name(), "all", "all", Status.WARN, null, 0, "answers", null,
                    0, nothingJudged, figures);
        }
        String detail = breaches == 0 ? judged + " answers judged, none breaks the rule"
                : breaches + " of " + judged + " answers judged: " + String.join(" | ", examples) + " (evidence: "
                + dev.gauntlet.files.RunFiles.CACHING + ")";
        return ObjectiveResult.of(objective, objective.name(), "all", "all", breaches == 0 ? Status.PASS : Status.FAIL,
                (double) breaches, 0, "answers", (double) -breaches, judged, detail, figures);
    }
}
