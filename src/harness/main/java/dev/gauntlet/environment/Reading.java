package dev.gauntlet.environment;

/**
 * What one look at a service's resources found.
 *
 * @param rssBytes resident memory: of the whole process tree, or the container's memory use without its page cache
 * @param cpuNanos CPU time used since the service (tree or container) started, in nanoseconds; -1 when not known
 * @param instance which instance was read (pid or container), so that a restart can be seen
 */
public record Reading(long rssBytes, long cpuNanos, String instance) {
}
