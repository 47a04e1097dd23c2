package dev.gauntlet.report;

import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.InteractionResult;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The contracts on index.html, one row per consumer and interaction (consumer, interaction, provider state, the
 * operation of the OpenAPI document it exercises, status): those that did not pass open, each mismatch on a row of its
 * own with where (status, header, JSON path), expected and actual; the passed ones folded as the objectives are
 * ("✓ 12 interactions of 3 consumers passed"), opened on demand. Problems outside single interactions (no pacts, an
 * unreadable file) are listed above the tables. Everything comes from report.json's {@code contracts.results}.
 */
final class ContractsHtml {
    private ContractsHtml() {
    }

    static void html(Report.Contracts c, StringBuilder h) {
        if (c == null) {
            return;
        }
        List<InteractionResult> results = c.results() == null ? List.of() : c.results().stream()
                .sorted(Comparator.comparing(InteractionResult::consumer, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        h.append(String.format(Locale.ROOT, "<h2 id=\"contracts\">Contracts</h2><p>%d interactions of %d consumers: "
                        + "%d passed, %d failed</p>", c.interactions(), consumers(results), c.passed(), c.failed()));
        if (!c.problems().isEmpty()) {
            h.append("<ul class=\"FAIL\">");
            c.problems().forEach(p -> h.append("<li>").append(Html.escape(p)).append("</li>"));
            h.append("</ul>");
        }
        List<InteractionResult> open = results.stream().filter(i -> !i.passed()).toList();
        if (!open.isEmpty()) {
            h.append(PageStyle.WIDE).append(HEAD)
                    .append("<th>where</th><th>expected</th><th>actual</th></tr>");
            open.forEach(i -> broken(i, c, h));
            h.append("</table></div>");
        }
        List<InteractionResult> passed = results.stream().filter(InteractionResult::passed).toList();
        if (!passed.isEmpty()) {
            h.append("<details class=\"passed\"><summary><span class=\"PASS\">✓</span> ").append(passed.size())
                    .append(passed.size() == 1 ? " interaction of " : " interactions of ").append(consumers(passed))
                    .append(consumers(passed) == 1 ? " consumer" : " consumers").append(" passed</summary>")
                    .append(PageStyle.WIDE).append(HEAD)
                    .append("<th>time</th></tr>");
            for (InteractionResult i : passed) {
                h.append("<tr>");
                cells(i, c, 1, h);
                h.append("<td class=\"num\">").append(i.millis()).append(" ms</td></tr>");
            }
            h.append("</table></div></details>");
        }
    }

    private static final String HEAD = "<tr><th>consumer</th><th>interaction</th><th>provider state</th>"
            + "<th>operation</th><th>status</th>";

    /** A broken (or pending) interaction: one row per mismatch, the interaction's cells spanning them. */
    private static void broken(InteractionResult i, Report.Contracts c, StringBuilder h) {
        List<ContractFailure> failures = i.failures();
        for (int n = 0; n < failures.size(); n++) {
            ContractFailure f = failures.get(n);
            h.append("<tr>");
            if (n == 0) {
                cells(i, c, failures.size(), h);
            }
            h.append("<td>").append(Html.escape(f.kind() + (f.path() == null || f.path().isEmpty() ? "" : " " + f.path())))
                    .append("</td><td><code>").append(Html.escape(f.expected())).append("</code></td><td><code>")
                    .append(Html.escape(f.actual())).append("</code>");
            if (f.message() != null && !f.message().isEmpty() && !f.message().equals(f.actual())) {
                h.append("<br><small>").append(Html.escape(f.message())).append("</small>");
            }
            h.append("</td></tr>");
        }
    }

    /** Consumer, interaction, provider state, operation and status, spanning {@code rows} rows. */
    private static void cells(InteractionResult i, Report.Contracts c, int rows, StringBuilder h) {
        String span = rows > 1 ? " rowspan=\"" + rows + "\"" : "";
        String status = i.passed() ? "PASS" : i.pending() ? "WARN" : "FAIL";
        h.append("<td").append(span).append('>').append(Html.escape(i.consumer())).append("</td><td").append(span)
                .append('>').append(Html.escape(i.interaction())).append("</td><td").append(span).append('>')
                .append(Html.escape(i.providerState())).append("</td><td").append(span).append(" title=\"")
                .append(Html.escape(sent(i))).append("\">").append(Html.escape(operation(i, c))).append("</td><td")
                .append(span).append(" class=\"").append(status).append(" status\">").append(status)
                .append(i.pending() ? " <small>(pending pact)</small>" : "").append("</td>");
    }

    /** {@code GET /orders/{id}}: the document's operation when there is coverage, else the request as sent. */
    static String operation(InteractionResult i, Report.Contracts c) {
        if (i.path() == null || i.path().isEmpty()) {
            return sent(i);
        }
        return c != null && c.coverage() != null ? c.coverage().operation(i.method(), i.path()) : sent(i);
    }

    private static String sent(InteractionResult i) {
        return ((i.method() == null ? "" : i.method()) + " " + (i.path() == null ? "" : i.path())).trim();
    }

    private static long consumers(List<InteractionResult> results) {
        return results.stream().map(InteractionResult::consumer).distinct().count();
    }
}
