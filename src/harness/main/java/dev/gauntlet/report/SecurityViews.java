package dev.gauntlet.report;

import dev.gauntlet.probe.ProbeResult;
import dev.gauntlet.probe.SecurityResults;
import java.io.PrintStream;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The security probes in the console table, {@code junit.xml} and {@code index.html}. */
final class SecurityViews {
    private SecurityViews() {
    }

    static void console(Report r, PrintStream out) {
        console(r, out, true);
    }

    /** As above; unless {@code verbose}, the kinds whose probes all passed are one line. */
    static void console(Report r, PrintStream out, boolean verbose) {
        SecurityResults s = r.security();
        if (s == null) {
            return;
        }
        out.printf(Locale.ROOT, "SECURITY    %d probes, %d passed, %d failed (%d requests, %.1f s)%n", s.probes(),
                s.passed(), s.probes() - s.passed(), s.requests(), s.millis() / 1000.0);
        long quiet = verbose ? 0 : s.kinds().stream().filter(k -> k.enabled() && k.failed() == 0 && k.cut() == 0).count();
        if (quiet > 0) {
            out.printf(Locale.ROOT, "  %-42s %s%n", quiet + " kinds", "every probe passed");
        }
        for (SecurityResults.Kind k : s.kinds()) {
            if (!verbose && k.enabled() && k.failed() == 0 && k.cut() == 0) {
                continue;
            }
            out.printf(Locale.ROOT, "  %-42s %s%n", k.kind().title(), !k.enabled() ? "off"
                    : k.passed() + " passed, " + k.failed() + " failed" + (k.cut() > 0 ? ", " + k.cut() + " cut by the bounds" : ""));
        }
        for (ProbeResult p : s.failures()) {
            out.println((p.pending() ? "  WARN  pending pact: " : p.accepted() != null ? "  WARN  accepted ("
                    + p.accepted() + "): " : "  FAIL  ") + p.summary());
            out.println("        request: " + request(p.request()));
            out.println("        answer:  " + p.answer().status() + " " + oneLine(p.answer().body()));
        }
        s.underFaults().forEach(u -> out.printf(Locale.ROOT, "  under %s: %d authorization probes, %d failed, %d of them "
                + "only under the fault (%.1f s)%n", u.fault(), u.probes(), u.failed(), u.failedOnlyUnderFault(),
                u.millis() / 1000.0));
        s.warnings().forEach(p -> out.println("  WARN  " + p.kind().title() + " " + p.operation() + " (" + p.probe()
                + "): " + p.warning()));
        s.expired().forEach(e -> out.println("  FAIL  security.baseline: " + e));
        s.notes().forEach(n -> out.println("  note  " + n));
    }

    /** What a failing probe's check carries: why, the interaction, the request and the answer, the observations. */
    static String evidence(ProbeResult p) {
        StringBuilder detail = new StringBuilder(p.reason()).append("\ninteraction: ").append(p.interaction())
                .append("\nrequest: ").append(request(p.request()));
        p.request().headers().forEach((k, v) -> detail.append("\n  ").append(k).append(": ").append(v));
        if (p.request().body() != null) {
            detail.append("\n  body: ").append(p.request().body());
        }
        detail.append("\nanswer: ").append(p.answer().status()).append(' ').append(p.answer().body());
        p.evidence().forEach((k, v) -> detail.append('\n').append(k).append(": ").append(v));
        return detail.toString();
    }

    static void html(Report r, StringBuilder h) {
        SecurityResults s = r.security();
        if (s == null) {
            return;
        }
        h.append(String.format(Locale.ROOT, "<h2>Security probes</h2><p>%d probes made from the contracts, %d passed, "
                + "%d failed · %d requests · %.1f s</p>", s.probes(), s.passed(), s.probes() - s.passed(), s.requests(),
                s.millis() / 1000.0));
        h.append("<table><tr><th>kind</th><th>passed</th><th>failed</th><th>cut by the bounds</th></tr>");
        for (SecurityResults.Kind k : s.kinds()) {
            h.append("<tr><td>").append(Html.escape(k.kind().title())).append("</td>");
            if (!k.enabled()) {
                h.append("<td colspan=\"3\">off</td></tr>");
                continue;
            }
            h.append("<td class=\"num\">").append(k.passed()).append("</td><td class=\"num")
                    .append(k.failed() == 0 ? "" : s.failures().stream().anyMatch(f -> f.kind() == k.kind() && f.firm())
                            ? " FAIL" : " WARN").append("\">").append(k.failed()).append("</td><td class=\"num\">")
                    .append(k.cut()).append("</td></tr>");
        }
        h.append("</table>");
        if (!s.failures().isEmpty()) {
            h.append("<table><tr><th>kind</th><th>operation</th><th>probe</th><th>request</th><th>answer</th>")
                    .append("<th>why it fails</th></tr>");
            for (ProbeResult p : s.failures()) {
                StringBuilder req = new StringBuilder(request(p.request()));
                p.request().headers().forEach((k, v) -> req.append('\n').append(k).append(": ").append(v));
                if (p.request().body() != null) {
                    req.append("\n\n").append(p.request().body());
                }
                StringBuilder why = new StringBuilder(p.reason());
                p.evidence().forEach((k, v) -> why.append("\n").append(k).append(": ").append(v));
                h.append("<tr><td class=\"").append(p.firm() ? "FAIL" : "WARN").append("\">")
                        .append(Html.escape(p.kind().title())).append(p.pending() ? " (pending pact)" : "")
                        .append(p.accepted() != null ? " (accepted: " + Html.escape(p.accepted()) + ")" : "")
                        .append(p.during() != null ? " (while " + Html.escape(p.during()) + " was on)" : "")
                        .append("</td><td>")
                        .append(Html.escape(p.operation())).append("<br><small>").append(Html.escape(p.interaction()))
                        .append("</small></td><td>").append(Html.escape(p.probe())).append("</td><td><pre>")
                        .append(Html.escape(req.toString())).append("</pre></td><td><pre>")
                        .append(p.answer().status()).append(' ').append(Html.escape(p.answer().body()))
                        .append("</pre></td><td><pre>").append(Html.escape(why.toString())).append("</pre></td></tr>");
            }
            h.append("</table>");
        }
        if (!s.notes().isEmpty() || !s.warnings().isEmpty() || !s.expired().isEmpty() || !s.underFaults().isEmpty()) {
            h.append("<ul>");
            s.underFaults().forEach(u -> h.append("<li class=\"").append(u.failedOnlyUnderFault() > 0 ? "FAIL" : "PASS")
                    .append("\">under ").append(Html.escape(u.fault())).append(": ").append(u.probes())
                    .append(" authorization probes, ").append(u.failed()).append(" failed, ")
                    .append(u.failedOnlyUnderFault()).append(" of them only under the fault</li>"));
            s.expired().forEach(e -> h.append("<li class=\"FAIL\">security.baseline: ").append(Html.escape(e))
                    .append("</li>"));
            s.warnings().forEach(p -> h.append("<li class=\"WARN\">").append(Html.escape(p.kind().title() + " "
                    + p.operation() + " (" + p.probe() + "): " + p.warning())).append("</li>"));
            s.notes().forEach(n -> h.append("<li>").append(Html.escape(n)).append("</li>"));
            h.append("</ul>");
        }
    }

    private static String request(ProbeResult.Request q) {
        return q.method() + " " + q.url();
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ");
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

}
