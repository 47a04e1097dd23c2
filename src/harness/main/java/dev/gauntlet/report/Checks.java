package dev.gauntlet.report;

import dev.gauntlet.slo.Status;
import java.util.List;

/** The verdict's checks on the HTML page: its reasons first, then every check in a table that opens on demand. */
final class Checks {
    private Checks() {
    }

    static void html(List<Reason> checks, StringBuilder h) {
        List<Reason> reasons = checks.stream().filter(c -> c.status() != Status.PASS).toList();
        if (!reasons.isEmpty()) {
            h.append("<ul>");
            reasons.forEach(c -> h.append("<li><span class=\"").append(c.status()).append("\">").append(c.status())
                    .append("</span> ").append(Html.escape(c.message())).append("</li>"));
            h.append("</ul>");
        }
        if (checks.isEmpty()) {
            return;
        }
        h.append("<details><summary>Every check (").append(count(checks, Status.PASS)).append(" passed, ")
                .append(count(checks, Status.INCONCLUSIVE)).append(" inconclusive, ")
                .append(count(checks, Status.WARN)).append(" warned, ").append(count(checks, Status.FAIL))
                .append(" failed)</summary><table><tr><th>status</th><th>source</th><th>check</th><th>what was found</th></tr>");
        for (Reason c : checks) {
            h.append("<tr><td class=\"").append(c.status()).append("\">").append(c.status()).append("</td><td>")
                    .append(Html.escape(c.source())).append("</td><td>").append(Html.escape(c.name())).append("</td><td>")
                    .append(Html.escape(c.message()));
            if (!c.evidence().isEmpty() && c.status() != Status.PASS) {
                h.append("<pre>").append(Html.escape(c.evidence())).append("</pre>");
            }
            h.append("</td></tr>");
        }
        h.append("</table></details>");
    }

    private static long count(List<Reason> checks, Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }
}
