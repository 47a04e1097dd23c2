package dev.gauntlet.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How busy the machine itself was while the load ran, from Linux's {@code /proc/loadavg} (the one-minute load average)
 * and {@code /proc/stat} (CPU time stolen by the hypervisor), read with the services' samples. A latency FAIL or
 * INCONCLUSIVE on a machine over either threshold says so: on a shared box p95 can go from 4 ms to seconds with no
 * change in the service.
 *
 * @param cores        CPUs the JVM sees
 * @param samples      readings of the load average
 * @param meanLoad     mean one-minute load average over the readings
 * @param maxLoad      highest one-minute load average read
 * @param stealPercent CPU time stolen over the whole sampling, in % of all CPU time (0 without {@code /proc/stat})
 */
public record MachineLoad(int cores, int samples, double meanLoad, double maxLoad, double stealPercent) {
    /** Busy above this mean load per core: more runnable work than the CPUs can run. */
    public static final double BUSY_LOAD_PER_CORE = 1.5;
    /** Busy from this share of CPU time stolen by the hypervisor (other guests). */
    public static final double BUSY_STEAL_PERCENT = 5;

    /** Whether the machine was over either threshold. */
    public boolean busy() {
        return samples > 0 && (meanLoad > BUSY_LOAD_PER_CORE * cores || stealPercent >= BUSY_STEAL_PERCENT);
    }

    /** {@code the machine was busy (load 3.1 on 2 cores, steal 12 %) — latency results may reflect it}. */
    public String words() {
        return String.format(Locale.ROOT, "the machine was busy (load %.1f on %d cores, steal %.0f %%) — latency results "
                + "may reflect it", meanLoad, cores, stealPercent);
    }

    /** Reads the machine's load while the services are sampled; {@link #result()} sums it up. */
    static final class Sampler {
        private final Path loadavg;
        private final Path stat;
        private int samples;
        private double sum;
        private double max;
        private long[] first;
        private long[] last;

        Sampler(Path proc) {
            this.loadavg = proc.resolve("loadavg");
            this.stat = proc.resolve("stat");
        }

        /** One reading; a file that cannot be read (not Linux) adds nothing. */
        void sample() {
            try {
                double load = Double.parseDouble(Files.readString(loadavg).trim().split("\\s+")[0]);
                samples++;
                sum += load;
                max = Math.max(max, load);
            } catch (IOException | RuntimeException notLinux) {
                return;
            }
            long[] cpu = cpu();
            if (cpu != null) {
                first = first == null ? cpu : first;
                last = cpu;
            }
        }

        /** {@code {total, steal}} jiffies of the first line of /proc/stat, or null. */
        private long[] cpu() {
            try {
                String[] f = Files.readAllLines(stat).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += i <= 8 ? Long.parseLong(f[i]) : 0; // guest time is already counted in user time
                }
                return new long[] {total, f.length > 8 ? Long.parseLong(f[8]) : 0};
            } catch (IOException | RuntimeException notLinux) {
                return null;
            }
        }

        MachineLoad result() {
            double steal = first == null || last[0] <= first[0] ? 0
                    : Math.round(1000.0 * (last[1] - first[1]) / (last[0] - first[0])) / 10.0;
            return new MachineLoad(Runtime.getRuntime().availableProcessors(), samples,
                    samples == 0 ? 0 : Math.round(10 * sum / samples) / 10.0, max, steal);
        }
    }
}
