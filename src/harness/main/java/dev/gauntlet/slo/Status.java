package dev.gauntlet.slo;

/** Outcome of one objective, and of the whole gate. */
public enum Status {
    /** Within its threshold. */
    PASS,
    /** Could not be judged with confidence (too few samples): reported, does not fail the gate. */
    WARN,
    /** Broken: fails the gate. */
    FAIL;

    /** The worse of two. */
    public Status and(Status other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
