package dev.gauntlet.resource;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.testcontainers.DockerClientFactory;

/**
 * Memory and CPU of a container from the engine's stats ({@code docker stats}, one reading per call): memory is the
 * cgroup's use without its inactive page cache (what {@code docker stats} shows), CPU the cgroup's total CPU time.
 */
final class ContainerStatsProbe implements ResourceProbe {
    private final String container;

    ContainerStatsProbe(String container) {
        this.container = container;
    }

    @Override
    public String source() {
        return "container stats";
    }

    @Override
    public Reading read() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
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
        return new Reading(memory(s.getMemoryStats()), cpu, "container " + container.substring(0, Math.min(12, container.length())));
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
