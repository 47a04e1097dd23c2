package dev.gauntlet.resource;

import dev.gauntlet.environment.Environment;
import dev.gauntlet.environment.Reading;
import dev.gauntlet.environment.ResourceProbe;
import dev.gauntlet.environment.RunningService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One thread that reads every service's memory and CPU once per period while the load runs. Bounded: at most
 * {@link #MAX_SAMPLES} samples per service (a day at one a second); a sample that cannot be read is a gap, never a
 * failure. {@link #stop()} ends the thread and returns what it read.
 */
public final class ResourceSampler implements AutoCloseable {
    /** Samples kept per service at most. */
    public static final int MAX_SAMPLES = 86_400;

    private final List<Track> tracks = new ArrayList<>();
    private final MachineLoad.Sampler machine = new MachineLoad.Sampler(java.nio.file.Path.of("/proc"));
    private final long periodMillis;
    private final long start = System.currentTimeMillis();
    private final Thread thread;
    private volatile boolean running = true;
    private ResourceSamples stopped;

    private ResourceSampler(Map<String, ResourceProbe> probes, Duration period) {
        this.periodMillis = Math.max(10, period.toMillis());
        probes.forEach((name, probe) -> tracks.add(new Track(name, probe)));
        thread = new Thread(this::loop, "gauntlet-resources");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts sampling every service of {@code environment} once a second. */
    public static ResourceSampler start(Environment environment) {
        Map<String, ResourceProbe> probes = new LinkedHashMap<>();
        for (RunningService s : environment.services()) {
            probes.put(s.name(), environment.resources(s.name()));
        }
        return start(probes, Duration.ofSeconds(1));
    }

    /** Starts sampling the given probes (by service name) once per {@code period}. */
    public static ResourceSampler start(Map<String, ResourceProbe> probes, Duration period) {
        return new ResourceSampler(probes, period);
    }

    private void loop() {
        long next = start;
        while (running) {
            synchronized (machine) {
                machine.sample();
            }
            for (Track t : tracks) {
                if (!running) {
                    break;
                }
                t.sample(start);
            }
            long now = System.currentTimeMillis();
            next += periodMillis;
            if (next < now) { // a slow read: skip the ticks it overran rather than bunch samples up
                next = now + periodMillis - (now - start) % periodMillis;
            }
            try {
                Thread.sleep(Math.max(0, next - now));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the thread (waits for the read in progress) and returns the samples. Idempotent. */
    public synchronized ResourceSamples stop() {
        if (stopped == null) {
            running = false;
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<ResourceSamples.Series> series = new ArrayList<>();
            for (Track t : tracks) {
                synchronized (t) {
                    series.add(t.series());
                }
            }
            synchronized (machine) {
                stopped = new ResourceSamples(start, periodMillis, series, machine.result());
            }
        }
        return stopped;
    }

    @Override
    public void close() {
        stop();
    }

    /** One service's samples as they are read. */
    private static final class Track {
        final String service;
        final ResourceProbe probe;
        final List<long[]> samples = new ArrayList<>(); // at, rssKB
        final List<Double> cpu = new ArrayList<>();
        int gaps;
        int restarts;
        String problem;
        String lastInstance;
        long lastCpuNanos = -1;
        long lastNanoTime;

        Track(String service, ResourceProbe probe) {
            this.service = service;
            this.probe = probe;
        }

        synchronized void sample(long start) {
            if (samples.size() >= MAX_SAMPLES) {
                gaps++;
                problem = "more than " + MAX_SAMPLES + " samples: later ones were not kept";
                return;
            }
            Reading r;
            long at = System.currentTimeMillis();
            long nano = System.nanoTime();
            try {
                r = probe.read();
            } catch (Exception | LinkageError e) {
                gaps++;
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                return;
            }
            if (r == null) {
                gaps++;
                problem = "the service was not running";
                lastCpuNanos = -1;
                return;
            }
            boolean sameInstance = r.instance() != null && r.instance().equals(lastInstance);
            if (lastInstance != null && !sameInstance) {
                restarts++;
            }
            Double percent = null;
            if (sameInstance && lastCpuNanos >= 0 && r.cpuNanos() >= lastCpuNanos && nano > lastNanoTime) {
                percent = Math.round(1000.0 * (r.cpuNanos() - lastCpuNanos) / (nano - lastNanoTime)) / 10.0;
            }
            samples.add(new long[] {at - start, r.rssBytes() / 1024});
            cpu.add(percent);
            lastInstance = r.instance();
            lastCpuNanos = r.cpuNanos();
            lastNanoTime = nano;
        }

        ResourceSamples.Series series() {
            long[] at = new long[samples.size()];
            long[] rss = new long[samples.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = samples.get(i)[0];
                rss[i] = samples.get(i)[1];
            }
            return new ResourceSamples.Series(service, probe.source(), at, rss, cpu.toArray(new Double[0]), gaps,
                    restarts, problem);
        }
    }
}
