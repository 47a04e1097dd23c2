package dev.gauntlet.environment;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Memory and CPU of a container. Where the engine runs on this machine, the container's process tree is read from
 * {@code /proc} like a local service's (the engine names the main process; its {@code /proc/PID/cgroup} must name the
 * container, so a gate in another pid namespace never reads a stranger): cheap, and it leaves the engine alone. Else
 * from the engine's stats ({@code docker stats}, one reading per call, which takes the engine a second or two per
 * container): memory is the cgroup's use without its inactive page cache (what {@code docker stats} shows), CPU the
 * cgroup's total CPU time.
 */
final class ContainerStatsProbe implements ResourceProbe {
    private final DockerClient docker;
    private final String container;

    ContainerStatsProbe(DockerClient docker, String container) {
        this.docker = docker;
        this.container = container;
    }

    @Override
    public String source() {
        return "container (its process tree from /proc where the engine is local, else the engine's stats)";
    }

    @Override
    public Reading read() throws Exception {
        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(container).exec().getState();
        if (state == null || !Boolean.TRUE.equals(state.getRunning()) || Boolean.TRUE.equals(state.getPaused())) {
            return null; // stopped or paused by a fault: no reading, as for a stopped local process
        }
        Long pid = state.getPidLong();
        if (pid != null && pid > 0 && ours(pid)) {
            Reading tree = new ProcessTreeProbe(() -> pid).read();
            if (tree != null) {
                return new Reading(tree.rssBytes(), tree.cpuNanos(), "container " + shortId() + " " + tree.instance());
            }
        }
        return stats();
    }

    /** Whether this machine's {@code /proc/PID} is the container's process (same kernel, same pid namespace). */
    private boolean ours(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cgroup")).contains(container);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private String shortId() {
        return container.substring(0, Math.min(12, container.length()));
    }

    private Reading stats() throws Exception {
        AtomicReference<Statistics> got = new AtomicReference<>();
        try (ResultCallback.Adapter<Statistics> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics s) {
                got.compareAndSet(null, s);
            }
        }) {
            docker.statsCmd(container).withNoStream(true).exec(callback);
            if (!callback.awaitCompletion(5, TimeUnit.SECONDS)) {
                throw new IOException("the engine did not answer the stats of container " + container + " within 5 s");
            }
        }
        Statistics s = got.get();
        if (s == null || s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null) {
            return null; // not running: the engine answers empty stats
        }
        long cpu = s.getCpuStats() == null || s.getCpuStats().getCpuUsage() == null
                || s.getCpuStats().getCpuUsage().getTotalUsage() == null ? -1 : s.getCpuStats().getCpuUsage().getTotalUsage();
        return new Reading(memory(s.getMemoryStats()), cpu, "container " + shortId());
    }

    /** Usage minus inactive page cache (cgroup v1: total_inactive_file, v2: inactive_file), as docker stats does. */
    static long memory(MemoryStatsConfig m) {
        long usage = m.getUsage();
        StatsConfig st = m.getStats();
        if (st != null) {
            Long inactive = st.getTotalInactiveFile() != null ? st.getTotalInactiveFile() : st.getInactiveFile();
            if (inactive != null && inactive < usage) {
                return usage - inactive;
            }
        }
        return usage;
    }
}
