package dev.gauntlet.load;

/**
 * How many load injectors share the plan and where they run ({@code load.injectors}): each offers {@code 1/count} of
 * every phase's rate on one phase clock, after a start barrier, and the coordinator merges what they recorded.
 *
 * @param count     injectors (1 = one load worker, as without the field)
 * @param on        where they run: {@link #LOCAL} (processes on this machine)
 * @param tolerance how far below its offered rate an injector may fall in a phase before that phase's verdict is
 *                  INCONCLUSIVE, as a fraction ({@code 0.1} = 10 %)
 * @param kubernetes for {@link #KUBERNETES}: the Job's namespace, image, resources …; null on this machine
 */
public record Injectors(int count, String on, double tolerance, KubernetesSpec kubernetes) {
    /** Injector processes on this machine: the default. */
    public static final String LOCAL = "local";
    /** Injector pods of one Indexed Job. */
    public static final String KUBERNETES = "kubernetes";
    /** One injector on this machine (no {@code load.injectors}). */
    public static final Injectors ONE = new Injectors(1, LOCAL, 0.1);
    /** The most pods a Job runs: the injectors' merge reads each one's records at the end. */
    public static final int MAX_PODS = 256;
    /** The most local injectors a gate starts (each is a JVM with a 1 GB heap cap). */
    public static final int MAX = 64;

    public Injectors {
        if (count < 1 || count > (KUBERNETES.equals(on) ? MAX_PODS : MAX)) {
            throw new IllegalArgumentException("injectors: expected 1 to " + MAX + " (" + MAX_PODS + " on "
                    + KUBERNETES + "), got " + count);
        }
        if (!LOCAL.equals(on) && !KUBERNETES.equals(on)) {
            throw new IllegalArgumentException("injectors.on: expected '" + LOCAL + "' or '" + KUBERNETES + "', got '"
                    + on + "'");
        }
        if (KUBERNETES.equals(on) != (kubernetes != null)) {
            throw new IllegalArgumentException("injectors.on: " + on + " with" + (kubernetes == null ? "out" : "")
                    + " Kubernetes fields");
        }
        if (tolerance < 0 || tolerance >= 1) {
            throw new IllegalArgumentException("injectors.tolerance: expected 0 % to 99 %, got " + tolerance);
        }
    }

    /** Injectors on this machine. */
    public Injectors(int count, String on, double tolerance) {
        this(count, on, tolerance, null);
    }

    /** Whether the plan is split over several injectors (a coordinator merges their records). */
    public boolean many() {
        return count > 1;
    }

    /** Whether the injectors are pods of a Kubernetes Job (even one: it runs there, not here). */
    public boolean onKubernetes() {
        return kubernetes != null;
    }
}
