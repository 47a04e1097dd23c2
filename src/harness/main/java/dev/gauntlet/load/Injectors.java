package dev.gauntlet.load;

/**
 * How many load injectors share the plan and where they run ({@code load.injectors}): each offers {@code 1/count} of
 * every phase's rate on one phase clock, after a start barrier, and the coordinator merges what they recorded.
 *
 * @param count     injectors (1 = one load worker, as without the field)
 * @param on        where they run: {@link #LOCAL} (processes on this machine)
 * @param tolerance how far below its offered rate an injector may fall in a phase before that phase's verdict is
 *                  INCONCLUSIVE, as a fraction ({@code 0.1} = 10 %)
 */
public record Injectors(int count, String on, double tolerance) {
    /** Injector processes on this machine: the default. */
    public static final String LOCAL = "local";
    /** One injector on this machine (no {@code load.injectors}). */
    public static final Injectors ONE = new Injectors(1, LOCAL, 0.1);
    /** The most local injectors a gate starts (each is a JVM with a 1 GB heap cap). */
    public static final int MAX = 64;

    public Injectors {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("injectors: expected 1 to " + MAX + ", got " + count);
        }
        if (!LOCAL.equals(on)) {
            throw new IllegalArgumentException("injectors.on: expected '" + LOCAL + "', got '" + on + "'");
        }
        if (tolerance < 0 || tolerance >= 1) {
            throw new IllegalArgumentException("injectors.tolerance: expected 0 % to 99 %, got " + tolerance);
        }
    }

    /** Whether the plan is split over several injectors (a coordinator merges their records). */
    public boolean many() {
        return count > 1;
    }
}
