package dev.gauntlet.report;

import dev.gauntlet.contract.AllowedExposure;
import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.Exposure;
import dev.gauntlet.contract.Replay;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import dev.gauntlet.slo.Thresholds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict table printed at the end of a gate: what ran, the objectives that did not pass (the passed ones one
 * line with counts, all of them with {@code --verbose}), then the verdict and its {@link ReasonLines reasons}, each
 * FAIL with what to do. Every line fits {@value #WIDTH} columns. A mistake in the environment file prints its
 * message once and ends {@code CONFIGURATION ERROR (exit 2)}.
 */
public final class ConsoleReport {
    /** The widest line the console table prints; longer ones are wrapped. */
    public static final int WIDTH = 120;

    /** The system property that lists every row, passed ones too: {@code --verbose} sets it. */
    public static final String VERBOSE = "gauntlet.verbose";

    /** The last line of a run ended by a mistake in the environment file (or a command that found one). */
    public static final String CONFIGURATION_ERROR = "CONFIGURATION ERROR (exit 2)";

    /** Objective names are cut to this many characters in the table. */
    private static final int NAME = 46;

    private ConsoleReport() {
    }

    /** Prints the table, verbose when the system property {@value #VERBOSE} is {@code true}. */
    public static void print(Report r, PrintStream out) {
        print(r, out, Boolean.getBoolean(VERBOSE));
    }

    public static void print(Report r, PrintStream out, boolean verbose) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream table = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        table(r, table, verbose);
        table.flush();
        bytes.toString(StandardCharsets.UTF_8).lines().forEach(line -> wrap(line, WIDTH).forEach(out::println));
        out.flush();
    }

    private static void table(Report r, PrintStream out, boolean verbose) {
        out.println();
        out.println("== gauntlet gate · environment " + r.environment().name() + " · run " + r.runId());
        if (r.aborted() != null && r.aborted().configuration()) {
            out.println("The environment file has a mistake; nothing was judged:");
            r.aborted().reason().lines().forEach(l -> out.println("  " + l));
            out.println(CONFIGURATION_ERROR);
            return;
        }
        if (r.aborted() != null) {
            out.println("ABORTED in " + r.aborted().stage() + ":");
            r.aborted().reason().lines().forEach(l -> out.println("  " + l));
        }
        if (r.contracts() != null) {
            contracts(r.contracts(), out, verbose);
        }
        SecurityViews.console(r, out, verbose);
        if (r.load() != null) {
            load(r.load(), out);
        }
        if (!r.faults().isEmpty()) {
            out.println("FAULTS");
            for (Report.Fault f : r.faults()) {
                out.printf(Locale.ROOT, "  %-12s %-9s %-10s on %6.1f s (%+d ms)  off %6.1f s (%+d ms)%s%n", f.service(), f.kind(),
                        f.phase() == null ? "-" : f.phase(), f.startOffsetMillis() / 1000.0, f.onLateMillis(),
                        f.endOffsetMillis() / 1000.0, f.offLateMillis(), f.error() == null ? "" : "  ERROR " + f.error());
                if (f.evidence() != null) {
                    out.println("    " + f.evidence());
                }
            }
        }
        objectives(r.objectives(), out, verbose);
        verdict(r, out);
    }

    private static void contracts(Report.Contracts c, PrintStream out, boolean verbose) {
        out.printf(Locale.ROOT, "CONTRACTS   %d interactions, %d passed, %d failed%n", c.interactions(), c.passed(), c.failed());
        c.problems().forEach(p -> out.println("  PROBLEM  " + p));
        for (ContractFailure f : c.failures()) {
            out.println("  FAIL  " + f.summary());
            if (!f.expected().isEmpty() || !f.actual().isEmpty()) {
                out.println("        expected: " + f.expected());
                out.println("        actual:   " + f.actual());
            }
        }
        if (c.coverage() != null) {
            out.printf(Locale.ROOT, "  coverage  %d of %d operations covered%n", c.coverage().covered(),
                    c.coverage().operations());
            c.coverage().uncovered().forEach(op -> out.println("  UNCOVERED " + op + " (no interaction exercises it)"));
        }
        for (Exposure e : c.exposure()) {
            e.fields().forEach(field -> out.println("  EXPOSED   " + e.operation() + ": " + field
                    + " (no contract mentions it)"));
        }
        if (verbose) {
            for (AllowedExposure a : c.allowedExposure()) {
                out.println("  allowed   " + a.operation() + ": " + a.field() + " (" + a.reason() + ")");
            }
        } else if (!c.allowedExposure().isEmpty()) {
            out.println("  allowed   " + c.allowedExposure().size() + " response field(s) by contracts.allowExposure");
        }
    }

    private static void load(Report.Load l, PrintStream out) {
        out.printf(Locale.ROOT, "LOAD        %s, %d requests%n", l.simulation(), l.requests());
        out.printf(Locale.ROOT, "  %-12s %6s %-20s %10s %10s %10s %8s %7s%n", "phase", "scored", "lasted", "offered",
                "achieved", "requests", "429", "errors");
        for (Report.PhaseSummary p : l.phases()) {
            out.printf(Locale.ROOT, "  %-12s %6s %-20s %8.1f/s %8.1f/s %8.1f/s %8d %7d%n", p.name(),
                    p.scored() ? "yes" : "no", p.lasted(), p.offeredRps(), p.achievedRps(), p.requestRps(),
                    p.rateLimited(), p.errors());
        }
        InjectorViews.console(l.injectors(), out);
        for (Replay left : l.leftOut()) {
            out.println("  LEFT OUT  " + left.name() + (left.operation().isEmpty() ? "" : " (" + left.operation() + ")")
                    + ": " + left.detail());
        }
    }

    /** The objectives that did not pass, one row each (all with {@code verbose}); the passed ones as one line. */
    private static void objectives(List<ObjectiveResult> objectives, PrintStream out, boolean verbose) {
        if (objectives.isEmpty()) {
            return;
        }
        List<ObjectiveResult> shown = verbose ? objectives
                : objectives.stream().filter(o -> o.status() != Status.PASS).toList();
        List<ObjectiveResult> passed = objectives.stream().filter(o -> o.status() == Status.PASS).toList();
        out.println("OBJECTIVES");
        if (!verbose && !passed.isEmpty()) {
            out.printf(Locale.ROOT, "  %-12s %d passed: %s (--verbose lists them)%n", "PASS", passed.size(),
                    byKind(passed));
        }
        if (shown.isEmpty()) {
            return;
        }
        int width = Math.min(NAME, shown.stream().mapToInt(o -> o.name().length()).max().orElse(0));
        int limits = Math.max(12, shown.stream().mapToInt(o -> Thresholds.limit(o).length()).max().orElse(0));
        String row = "  %-12s %-" + width + "s %11s %" + limits + "s %11s%s%n";
        out.printf(Locale.ROOT, row, "status", "objective", "measured", "threshold", "margin", "");
        for (ObjectiveResult o : shown) {
            out.printf(Locale.ROOT, row, o.status(), cut(o.name(), width), Thresholds.value(o.measured(), o.unit()),
                    Thresholds.limit(o), Thresholds.value(o.margin(), o.unit()), IntervalViews.console(o));
        }
    }

    /** {@code 12 security, 11 latency, 3 error-budget}: how many of each kind. */
    static String byKind(List<ObjectiveResult> objectives) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        objectives.forEach(o -> kinds.merge(o.kind(), 1, Integer::sum));
        StringBuilder s = new StringBuilder();
        kinds.forEach((k, n) -> s.append(s.length() == 0 ? "" : ", ").append(n).append(' ').append(k));
        return s.toString();
    }

    /** The verdict with its counts, then every reason line, each FAIL followed by what to do and where to look. */
    private static void verdict(Report r, PrintStream out) {
        Map<Status, Long> counts = new LinkedHashMap<>();
        for (Status s : List.of(Status.FAIL, Status.WARN, Status.INCONCLUSIVE, Status.PASS)) {
            counts.put(s, r.checks().stream().filter(c -> c.status() == s).count());
        }
        out.printf(Locale.ROOT, "VERDICT     %s  (%.1f s) · %d failed, %d warned, %d inconclusive, %d passed%n",
                r.verdict(), r.durationSeconds(), counts.get(Status.FAIL), counts.get(Status.WARN),
                counts.get(Status.INCONCLUSIVE), counts.get(Status.PASS));
        for (ReasonLines.Line line : r.reasonLines()) {
            out.printf(Locale.ROOT, "  %-12s %s%n", line.status(), line.text());
            if (!line.action().isEmpty()) {
                out.printf(Locale.ROOT, "  %-12s → %s (index.html#%s)%n", "", line.action(), line.anchor());
            }
        }
    }

    /** {@code text} cut to {@code width} characters, the last one an ellipsis when cut. */
    static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    /**
     * {@code line} in lines of at most {@code width} characters, broken at spaces; the continuation lines indented
     * under the first line's text (past its indent and status word), a word longer than a line broken where it must.
     */
    public static List<String> wrap(String line, int width) {
        if (line.length() <= width) {
            return List.of(line);
        }
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        int text = indent;
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("^ *(PASS|FAIL|WARN|INCONCLUSIVE) +")
                .matcher(line);
        if (status.find()) {
            text = status.end();
        }
        String pad = " ".repeat(Math.min(text + 2, width / 3));
        List<String> out = new java.util.ArrayList<>();
        String rest = line;
        String prefix = "";
        while ((prefix + rest).length() > width) {
            String full = prefix + rest;
            int cut = full.lastIndexOf(' ', width);
            if (cut <= prefix.length()) {
                cut = width;
            }
            out.add(full.substring(0, cut).stripTrailing());
            rest = full.substring(cut).stripLeading();
            prefix = pad;
        }
        if (!rest.isEmpty()) {
            out.add(prefix + rest);
        }
        return out;
    }
}
