package dev.gauntlet.report;

import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import dev.gauntlet.slo.Thresholds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objectives on index.html: those that did not pass open, one row each, in the order of the reasons (FAIL, WARN,
 * INCONCLUSIVE); the passed ones folded by kind ("✓ 12 security objectives passed"), opened on demand. Each row has
 * the id the reasons link to ({@link ReasonLines#anchor}); thresholds are written as {@link Thresholds#limit}
 * writes them in every view; a percentile's bounds under its measured value unless its detail says them already. In a
 * narrow window the detail is a line under its row ({@link PageStyle#NARROW}).
 */
final class ObjectivesHtml {
    private ObjectivesHtml() {
    }

    static void html(List<ObjectiveResult> objectives, StringBuilder h) {
        if (objectives.isEmpty()) {
            return;
        }
        long passed = objectives.stream().filter(o -> o.status() == Status.PASS).count();
        h.append("<h2>Objectives</h2><p>").append(objectives.size() - passed).append(" of ").append(objectives.size())
                .append(" did not pass</p>");
        List<ObjectiveResult> open = objectives.stream().filter(o -> o.status() != Status.PASS)
                .sorted(java.util.Comparator.comparing(o -> ReasonLines.ORDER.indexOf(o.status()))).toList();
        if (!open.isEmpty()) {
            table(open, h);
        }
        Map<String, List<ObjectiveResult>> byKind = new LinkedHashMap<>();
        objectives.stream().filter(o -> o.status() == Status.PASS)
                .forEach(o -> byKind.computeIfAbsent(o.kind(), k -> new java.util.ArrayList<>()).add(o));
        byKind.forEach((kind, rows) -> {
            h.append("<details class=\"passed\"><summary><span class=\"PASS\">✓</span> ").append(rows.size()).append(' ')
                    .append(Html.escape(kind)).append(rows.size() == 1 ? " objective" : " objectives")
                    .append(" passed</summary>");
            table(rows, h);
            h.append("</details>");
        });
    }

    private static void table(List<ObjectiveResult> rows, StringBuilder h) {
        h.append(PageStyle.OBJECTIVES).append("<tr><th>status</th><th class=\"name\">objective</th><th>phase</th><th>measured</th>")
                .append("<th>threshold</th><th>margin</th><th class=\"words\">detail</th></tr>");
        for (ObjectiveResult o : rows) {
            h.append("<tr id=\"").append(ReasonLines.objectiveAnchor(o.phase(), o.name())).append("\"><td class=\"")
                    .append(o.status()).append(" status\">").append(o.status()).append("</td><td>").append(Html.escape(o.name()))
                    .append(" <small>").append(Html.escape(o.kind())).append("</small></td><td>")
                    .append(Html.escape(o.phase())).append("</td><td class=\"num\">")
                    .append(Html.escape(Thresholds.value(o.measured(), o.unit())))
                    .append(o.detail().contains(IntervalViews.text(o)) ? "" : IntervalViews.html(o))
                    .append("</td><td class=\"").append(said(o) ? "num said" : "num").append("\">")
                    .append(Html.escape(Thresholds.limit(o)))
                    .append("</td><td class=\"num\">").append(Html.escape(Thresholds.value(o.margin(), o.unit())))
                    .append("</td><td class=\"detail\">").append(Html.escape(o.detail())).append("</td></tr>");
        }
        h.append("</table></div>");
    }

    /** A threshold in words ("none may fail"), which may wrap in a narrow window; a comparison never does. */
    private static boolean said(ObjectiveResult o) {
        return Thresholds.limit(o).chars().allMatch(c -> Character.isLetter(c) || c == ' ');
    }
}
