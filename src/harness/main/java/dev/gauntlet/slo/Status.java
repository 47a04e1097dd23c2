package dev.gauntlet.slo;

/** Outcome of one objective, and of the whole gate. */
public enum Status {
    /** Within its threshold. */
    PASS,
    /**
     * Could not be judged either way: too few samples for a confidence interval to clear or cross the threshold, or
     * too little history or a machine much slower than the runs compared with. Shown with its reason and what it
     * would take (samples, runs); does not fail the gate.
     */
    INCONCLUSIVE,
    /** Reported, does not fail the gate: a pending objective that broke, a load generator that fell behind. */
    WARN,
    /** Broken: fails the gate. */
    FAIL;

    /** The worse of two. */
    public Status and(Status other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
