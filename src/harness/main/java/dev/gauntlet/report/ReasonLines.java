package dev.gauntlet.report;

import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict's reasons as every view lists them: FAIL first, then WARN, then INCONCLUSIVE; checks with the same
 * cause merged into one line with a count ("18 regression objectives: 0 earlier runs …, 3 needed"); the status once
 * per line (it is the line's {@code status}, never in its text); every FAIL with what to do about it and the anchor of
 * its place in {@code index.html}. The console, index.html, report.json ({@code reasons}, {@code reasonLines}) and
 * junit.xml's failure bodies all read this one list.
 */
public final class ReasonLines {
    /** The order of the statuses that are reasons: what fails the gate first. */
    static final List<Status> ORDER = List.of(Status.FAIL, Status.WARN, Status.INCONCLUSIVE);

    /** Names listed in a merged line's text at most; the rest are counted ("and 5 more"). */
    private static final int NAMED = 3;

    private ReasonLines() {
    }

    /**
     * One reason line.
     *
     * @param status  FAIL, WARN or INCONCLUSIVE
     * @param text    what was found, without the status; a merged line counts or names its checks
     * @param count   how many checks it stands for (1 unless merged)
     * @param action  for a FAIL, what to do about it in a sentence; else empty
     * @param anchor  the id of its place in index.html ({@code objective-baseline-baseline-p95-latency}: phase and name; {@code check-…})
     * @param kind    the checks' kind ({@link Reason#kind()})
     * @param checks  the names of the checks it stands for
     */
    public record Line(Status status, String text, int count, String action, String anchor, String kind,
                       List<String> checks) {
        public Line {
            checks = List.copyOf(checks);
        }
    }

    /** The lines of {@code checks} that are not PASS, in order, identical causes merged. */
    public static List<Line> of(List<Reason> checks) {
        List<Line> out = new ArrayList<>();
        for (Status status : ORDER) {
            Map<String, List<Reason>> byCause = new LinkedHashMap<>();
            for (Reason c : checks) {
                if (c.status() == status) {
                    byCause.computeIfAbsent(c.kind() + '\u0001' + cause(c), k -> new ArrayList<>()).add(c);
                }
            }
            byCause.values().forEach(group -> out.add(line(group)));
        }
        return out;
    }

    /** The texts of {@link #of}: report.json's {@code reasons}. */
    public static List<String> texts(List<Reason> checks) {
        return of(checks).stream().map(Line::text).toList();
    }

    /** The id of a check's place in index.html: its objective's row, or its row in the table of every check. */
    public static String anchor(Reason c) {
        return c.source().startsWith("objectives")
                ? "objective-" + slug(c.source().substring("objectives".length()) + " " + c.name())
                : "check-" + slug(c.source() + " " + c.name());
    }

    /** The id of an objective's row in index.html, the same {@link #anchor} gives its check. */
    static String objectiveAnchor(String phase, String name) {
        return "objective-" + slug((phase == null ? "" : "." + phase) + " " + name);
    }

    /** {@code text} as an HTML id: lower case letters and digits, other runs of characters one dash. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return s.replaceAll("^-|-$", "");
    }

    /** What a check found with its name taken out, so that the same finding on other things reads the same. */
    private static String cause(Reason c) {
        String m = c.message();
        if (c.name().isEmpty()) {
            return m;
        }
        if (m.startsWith(c.name() + ": ")) {
            return m.substring(c.name().length() + 2);
        }
        return m.contains(c.name()) ? m.replace(c.name(), "\u0000") : m;
    }

    private static Line line(List<Reason> group) {
        Reason first = group.get(0);
        List<String> names = group.stream().map(Reason::name).toList();
        String text = first.message();
        if (group.size() > 1) {
            String cause = cause(first);
            if (first.message().startsWith(first.name() + ": ")) { // an objective: "18 regression objectives: …"
                text = group.size() + " " + first.kind() + " objectives: " + cause;
            } else if (cause.contains("\u0000")) {
                text = cause.replace("\u0000", named(names));
            } else {
                text = first.message() + " (" + group.size() + " checks)";
            }
        }
        String action = first.status() == Status.FAIL ? Actions.of(first) : "";
        return new Line(first.status(), text, group.size(), action, anchor(first), first.kind(), names);
    }

    /** {@code a, b, c} or {@code a, b and 4 more}. */
    private static String named(List<String> names) {
        if (names.size() <= NAMED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMED - 1)) + " and " + (names.size() - NAMED + 1) + " more";
    }
}
