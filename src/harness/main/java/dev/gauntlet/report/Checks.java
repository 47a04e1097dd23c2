package dev.gauntlet.report;

import dev.gauntlet.slo.Status;
import java.util.List;

/**
 * The verdict's checks on the HTML page: its reasons first ({@link ReasonLines}: FAIL, WARN, INCONCLUSIVE, identical
 * causes merged, each linked to its place on the page, each FAIL with what to do), then every check in a table that
 * opens on demand.
 */
final class Checks {
    private Checks() {
    }

    static void html(List<Reason> checks, List<ReasonLines.Line> reasons, StringBuilder h) {
        if (!reasons.isEmpty()) {
            h.append("<ol class=\"reasons\">");
            for (ReasonLines.Line line : reasons) {
                // a merged line's text says its count ("18 regression objectives: …"); the names it stands for are
                // the link's title, not a second count
                h.append("<li><span class=\"").append(line.status()).append("\">").append(line.status())
                        .append("</span> <a href=\"#").append(line.anchor()).append('"')
                        .append(line.count() > 1 ? " title=\"" + Html.escape(String.join(", ", line.checks())) + '"' : "")
                        .append('>').append(Html.escape(line.text())).append("</a>");
                if (!line.action().isEmpty()) {
                    h.append("<br><small>→ ").append(Html.escape(line.action())).append("</small>");
                }
                h.append("</li>");
            }
            h.append("</ol>");
        }
        if (checks.isEmpty()) {
            return;
        }
        h.append("<details><summary>Every check (").append(count(checks, Status.PASS)).append(" passed, ")
                .append(count(checks, Status.INCONCLUSIVE)).append(" inconclusive, ")
                .append(count(checks, Status.WARN)).append(" warned, ").append(count(checks, Status.FAIL))
                .append(" failed)</summary>").append(PageStyle.WIDE)
                .append("<tr><th>status</th><th>source</th><th>check</th><th class=\"words\">what was found</th></tr>");
        for (Reason c : checks) {
            String id = ReasonLines.anchor(c);
            h.append("<tr").append(id.startsWith("check-") ? " id=\"" + id + "\"" : "").append("><td class=\"")
                    .append(c.status()).append(" status\">").append(c.status()).append("</td><td>")
                    .append(Html.escape(c.source())).append("</td><td>").append(Html.escape(c.name())).append("</td><td>")
                    .append(Html.escape(c.message()));
            if (!c.evidence().isEmpty() && c.status() != Status.PASS) {
                h.append("<pre>").append(Html.escape(c.evidence())).append("</pre>");
            }
            h.append("</td></tr>");
        }
        h.append("</table></div></details>");
    }

    private static long count(List<Reason> checks, Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }
}
