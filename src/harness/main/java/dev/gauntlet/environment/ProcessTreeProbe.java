package dev.gauntlet.environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Memory and CPU of a local process and all its descendants, from Linux's {@code /proc}: the sum of each process's
 * {@code VmRSS} ({@code /proc/PID/status}) and of its user + system CPU time ({@code /proc/PID/stat}, clock ticks of
 * 10 ms, the Linux value of {@code CLK_TCK} on every common architecture).
 */
final class ProcessTreeProbe implements ResourceProbe {
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path PROC = Path.of("/proc");

    private final LongSupplier pid;

    /** @param pid the pid of the service's current process (it changes on a restart), or -1 while none runs */
    ProcessTreeProbe(LongSupplier pid) {
        this.pid = pid;
    }

    @Override
    public String source() {
        return "process tree (/proc)";
    }

    @Override
    public Reading read() throws IOException {
        long root = pid.getAsLong();
        if (root <= 0) {
            return null;
        }
        if (!Files.isDirectory(PROC)) {
            throw new IOException("no /proc on this system: memory and CPU of local services are read from it (Linux)");
        }
        List<Long> tree = new ArrayList<>();
        tree.add(root);
        ProcessHandle.of(root).ifPresent(h -> h.descendants().forEach(d -> tree.add(d.pid())));
        long rss = 0;
        long ticks = 0;
        boolean rootRead = false;
        for (long p : tree) {
            try {
                rss += rssBytes(Files.readString(PROC.resolve(Long.toString(p)).resolve("status"), StandardCharsets.UTF_8));
                ticks += cpuTicks(Files.readString(PROC.resolve(Long.toString(p)).resolve("stat"), StandardCharsets.UTF_8));
                rootRead |= p == root;
            } catch (IOException | RuntimeException gone) {
                if (p == root) {
                    if (!Files.exists(PROC.resolve(Long.toString(p)))) {
                        return null; // it ended between the look-up and the read
                    }
                    throw gone instanceof IOException io ? io : new IOException(gone.getMessage(), gone);
                }
                // a descendant that ended between the listing and the read: it holds nothing any more
            }
        }
        return rootRead ? new Reading(rss, ticks * NANOS_PER_TICK, "pid " + root) : null;
    }

    /** {@code VmRSS:   123456 kB} of a {@code /proc/PID/status} file, in bytes; 0 for a zombie (no such line). */
    static long rssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return 0;
    }

    /** utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line; the command (field 2) may hold spaces. */
    static long cpuTicks(String stat) {
        String afterCommand = stat.substring(stat.lastIndexOf(')') + 2);
        String[] f = afterCommand.trim().split("\\s+");
        // afterCommand starts at field 3 (state): utime is field 14 → index 11, stime 15 → index 12
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
