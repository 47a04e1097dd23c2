package dev.gauntlet.resource;

import java.util.List;

/**
 * Memory and CPU of each service under test, sampled about once a second during the load: what {@code report.json}
 * keeps (compact: one array per figure) and what the charts and {@code resource} objectives read.
 *
 * @param startEpochMillis when sampling started; sample times are milliseconds after it
 * @param periodMillis     the planned time between two samples
 * @param services         one series per service, in start order
 * @param machine          how busy the machine itself was meanwhile (load average, CPU steal), or null
 */
public record ResourceSamples(long startEpochMillis, long periodMillis, List<Series> services, MachineLoad machine) {
    public ResourceSamples {
        services = List.copyOf(services);
    }

    /** Samples of the services alone. */
    public ResourceSamples(long startEpochMillis, long periodMillis, List<Series> services) {
        this(startEpochMillis, periodMillis, services, null);
    }

    /** No samples (nothing was sampled). */
    public static ResourceSamples none() {
        return new ResourceSamples(0, 1000, List.of());
    }

    /** The series of {@code service}, or null. */
    public Series of(String service) {
        return services.stream().filter(s -> s.service().equals(service)).findFirst().orElse(null);
    }

    /**
     * One service's samples. Arrays are parallel, one entry per sample read; a look that could not be read is a gap,
     * counted but not stored.
     *
     * @param service    the service's name
     * @param source     where the figures come from: {@code process tree (/proc)} or {@code container stats}
     * @param atMillis   when each sample was read, milliseconds after {@code startEpochMillis}
     * @param rssKB      resident memory in KiB (process tree: sum of VmRSS; container: use without inactive cache)
     * @param cpuPercent CPU used since the previous sample, in % of one core (200 = two cores busy); null for the first
     *                   sample of an instance
     * @param gaps       looks that found no reading: not running (fault) or could not be read
     * @param restarts   times the instance changed between two samples (a fault restarted the service)
     * @param problem    the last reason a look could not be read, or null
     */
    public record Series(String service, String source, long[] atMillis, long[] rssKB, Double[] cpuPercent, int gaps,
                         int restarts, String problem) {
        /** Samples read. */
        public int size() {
            return atMillis.length;
        }
    }
}
