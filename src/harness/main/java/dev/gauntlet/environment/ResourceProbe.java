package dev.gauntlet.environment;

/**
 * Reads one running service's memory and CPU. The environment that started the service hands it out
 * ({@link Environment#resources(String)}): it knows where the figures come from — the {@code /proc} files of a local
 * service's process tree, or what the container engine knows of a container.
 */
public interface ResourceProbe {

    /** Where the figures come from, for the report, e.g. {@code process tree (/proc)}. */
    String source();

    /**
     * Reads the service now.
     *
     * @return the reading, or null when the service does not run at this moment (stopped by a fault)
     * @throws Exception when it could not be read; the sampler counts a gap and goes on
     */
    Reading read() throws Exception;
}
