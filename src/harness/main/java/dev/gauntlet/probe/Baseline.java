package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings baseline ({@code security.baseline: FILE}): security findings a team has accepted for now, each with a
 * reason and an expiry date. A finding it lists WARNs instead of FAILing; a finding it does not list FAILs; an entry
 * past its expiry date FAILs with its reason (the finding it names is no longer accepted). {@code gauntlet baseline}
 * writes the file from a run's findings.
 *
 * <pre>
 * accepted:
 *   - finding: "bola DELETE /orders/{id} as bob on a resource of alice"
 *     reason: "legacy cancel endpoint, fix in ORD-123"
 *     expires: 2027-03-31
 * </pre>
 *
 * @param file    where it was read from
 * @param entries the accepted findings
 */
public record Baseline(Path file, List<Entry> entries) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String UNMATCHED = "security.baseline lists a finding this run did not make (fixed? remove it): ";

    public Baseline {
        entries = List.copyOf(entries);
    }

    /**
     * One accepted finding.
     *
     * @param finding {@link ProbeResult#key()}: kind, operation and probe
     * @param reason  why it is accepted
     * @param expires the last day it is accepted
     */
    public record Entry(String finding, String reason, LocalDate expires) {
        boolean expiredOn(LocalDate today) {
            return today.isAfter(expires);
        }

        String describe() {
            return "'" + finding + "' (" + reason + "; until " + expires + ")";
        }
    }

    /**
     * Reads a baseline file.
     *
     * @throws IllegalArgumentException naming the entry and field, when the file is missing or not a baseline
     */
    public static Baseline read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the findings baseline " + file + " does not exist; write it from a run "
                    + "with: gauntlet baseline --from OUT/report.json --out " + file);
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("the findings baseline " + file + " is not YAML: " + e.getMessage());
        }
        if (root == null || !root.path("accepted").isArray()) {
            throw new IllegalArgumentException("the findings baseline " + file + " needs a list 'accepted:' of "
                    + "{finding, reason, expires}");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode e : root.get("accepted")) {
            String where = "accepted[" + i++ + "]";
            String finding = text(e, "finding", where, file);
            String reason = text(e, "reason", where, file);
            LocalDate expires;
            try {
                expires = LocalDate.parse(text(e, "expires", where, file));
            } catch (DateTimeParseException x) {
                throw new IllegalArgumentException(file + ": " + where + ".expires: expected a date such as 2027-03-31, "
                        + "got '" + e.path("expires").asText() + "'");
            }
            if (!seen.add(finding)) {
                throw new IllegalArgumentException(file + ": " + where + ".finding: '" + finding + "' is listed twice");
            }
            entries.add(new Entry(finding, reason, expires));
        }
        return new Baseline(file, entries);
    }

    private static String text(JsonNode entry, String field, String where, Path file) {
        JsonNode n = entry.get(field);
        if (n == null || !n.isValueNode() || n.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": " + where + "." + field + ": expected "
                    + switch (field) {
                        case "finding" -> "the finding as report.json names it (kind, operation, probe)";
                        case "reason" -> "why the finding is accepted";
                        default -> "the last day it is accepted, such as 2027-03-31";
                    });
        }
        return n.asText().trim();
    }

    /**
     * {@code results} judged by this baseline on {@code today}: failures it lists (and that have not expired) carry
     * {@link ProbeResult#accepted()}; expired entries are named; entries no finding matched are noted. Applied again
     * to results with the findings under faults added, it judges those too and notes only what neither matched.
     */
    public SecurityResults apply(SecurityResults results, LocalDate today) {
        List<ProbeResult> judged = new ArrayList<>();
        Set<String> matched = new LinkedHashSet<>();
        for (ProbeResult f : results.failures()) {
            if (entries.stream().anyMatch(x -> x.finding().equals(f.key()))) {
                matched.add(f.key());
            }
            judged.add(judge(f, today));
        }
        List<String> expired = entries.stream().filter(e -> e.expiredOn(today))
                .map(e -> "expired on " + e.expires() + ": " + e.describe()).toList();
        List<String> notes = new ArrayList<>(results.notes().stream().filter(n -> !n.startsWith(UNMATCHED)).toList());
        entries.stream().filter(e -> !matched.contains(e.finding()) && !e.expiredOn(today)).forEach(e -> notes.add(
                UNMATCHED + e.describe()));
        return new SecurityResults(results.kinds(), judged, results.warnings(), expired, results.underFaults(), notes,
                results.requests(), results.millis());
    }

    /** {@code failure}, accepted when an entry that has not expired lists it. */
    public ProbeResult judge(ProbeResult failure, LocalDate today) {
        return entries.stream().filter(x -> x.finding().equals(failure.key()) && !x.expiredOn(today)).findFirst()
                .map(e -> failure.acceptedFor(e.reason() + " (accepted until " + e.expires() + ")")).orElse(failure);
    }

    /**
     * The baseline file accepting every finding of a run's {@code report.json}, with {@code reason}, until
     * {@code expires}.
     *
     * @throws IllegalArgumentException when the report has no security section
     */
    public static String write(JsonNode report, String reason, LocalDate expires) {
        JsonNode failures = report.path("security").path("failures");
        if (!failures.isArray()) {
            throw new IllegalArgumentException("the report has no security probes (security: in report.json)");
        }
        StringBuilder out = new StringBuilder("# Security findings accepted for now (security.baseline): a listed "
                + "finding WARNs, a new one FAILs,\n# an entry past its expiry date FAILs. Written by gauntlet baseline; "
                + "give each entry its own reason.\naccepted:\n");
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode f : failures) {
            String key = f.path("kind").asText() + " " + f.path("operation").asText() + " " + f.path("probe").asText()
                    + (f.path("during").isTextual() ? " while " + f.path("during").asText() + " was on" : "");
            if (seen.add(key)) {
                out.append("  - finding: ").append(quoted(key)).append('\n')
                        .append("    reason: ").append(quoted(reason)).append('\n')
                        .append("    expires: ").append(expires).append('\n');
            }
        }
        if (seen.isEmpty()) {
            out.setLength(out.length() - "accepted:\n".length());
            out.append("accepted: []\n");
        }
        return out.toString();
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
