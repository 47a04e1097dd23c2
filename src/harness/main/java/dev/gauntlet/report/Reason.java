package dev.gauntlet.report;

import dev.gauntlet.slo.Status;
import java.util.Objects;

/**
 * One check the verdict is made of, computed once by {@link Verdicts} and rendered by every view: the console's
 * reason lines, {@code report.json} ({@code checks}, and {@code reasons} for the ones that are not PASS),
 * {@code junit.xml} (one test case each: FAIL a failure, WARN a skipped test case, both with {@link #message}) and
 * {@code index.html}.
 *
 * @param status   PASS, INCONCLUSIVE, WARN or FAIL; the verdict is the worst of all checks
 * @param source   what produced it, as a dotted name: {@code gate} (an aborted run), {@code contracts} (the pacts
 *                 themselves), {@code contracts.CONSUMER}, {@code contracts.coverage}, {@code contracts.exposure},
 *                 {@code faults}, {@code load}, {@code objectives.PHASE}; JUnit shows it as the class name
 *                 {@code gauntlet.SOURCE}
 * @param name     what was checked (an interaction, an operation, an objective, a stage): the JUnit test case name
 * @param message  one line saying what was found; for a check that is not PASS, the verdict's reason
 * @param evidence further lines a person needs to act (expected and actual, a log tail), or empty
 * @param millis   how long the check took when it was a step of its own (an interaction), else 0
 * @param kind     what kind of check it is, for merging identical causes and saying what to do: an objective's kind
 *                 ({@code latency}, {@code regression} …), else the first part of {@code source}
 */
public record Reason(Status status, String source, String name, String message, String evidence, long millis,
                     String kind) {
    public Reason {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        name = name == null ? "" : name;
        Objects.requireNonNull(message, "message");
        evidence = evidence == null ? "" : evidence;
        kind = kind == null || kind.isBlank() ? source.split("\\.")[0] : kind;
    }

    /** A check of the kind its source names. */
    public Reason(Status status, String source, String name, String message, String evidence, long millis) {
        this(status, source, name, message, evidence, millis, null);
    }

    /** This check with {@code message} in place of its own. */
    public Reason withMessage(String message) {
        return new Reason(status, source, name, message, evidence, millis, kind);
    }

    /** A check that took no time of its own. */
    public Reason(Status status, String source, String name, String message, String evidence) {
        this(status, source, name, message, evidence, 0);
    }

    /** A check that passed. */
    public static Reason pass(String source, String name, String message) {
        return new Reason(Status.PASS, source, name, message, "");
    }

    /** A check that could not be judged: shown everywhere, does not fail the gate. */
    public static Reason warn(String source, String name, String message, String evidence) {
        return new Reason(Status.WARN, source, name, message, evidence);
    }

    /** A check that fails the gate. */
    public static Reason fail(String source, String name, String message, String evidence) {
        return new Reason(Status.FAIL, source, name, message, evidence);
    }
}
