package dev.gauntlet.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a started service (its process and descendants) listens on with a wildcard address (0.0.0.0 or
 * ::), i.e. on every interface instead of loopback only: read from {@code /proc/PID/net/tcp{,6}} (the sockets of the
 * service's own network namespace) and its open file descriptors. Linux only; elsewhere, or when {@code /proc} cannot
 * be read, nothing is found.
 */
public final class Listeners {
    private static final String LISTEN = "0A";

    private Listeners() {
    }

    /** Wildcard listening addresses of {@code pid}'s process tree, such as {@code 0.0.0.0:8080} or {@code [::]:8080}. */
    public static List<String> wildcard(long pid) {
        Set<String> inodes = new HashSet<>();
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        for (long p : pids) {
            inodes.addAll(socketInodes(Path.of("/proc", Long.toString(p), "fd")));
        }
        if (inodes.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            try {
                out.addAll(wildcard(Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table)), inodes));
            } catch (IOException | RuntimeException unreadable) {
                // no such table, or the process ended
            }
        }
        return out.stream().distinct().sorted().toList();
    }

    /**
     * The wildcard listening addresses in the lines of a {@code /proc/net/tcp} or {@code tcp6} table whose socket
     * inode is one of {@code inodes}.
     */
    static List<String> wildcard(List<String> table, Set<String> inodes) {
        List<String> out = new ArrayList<>();
        for (String line : table) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":") || !LISTEN.equals(f[3]) || !inodes.contains(f[9])) {
                continue;
            }
            String[] local = f[1].split(":");
            if (local[0].chars().allMatch(c -> c == '0')) {
                int port = Integer.parseInt(local[1], 16);
                out.add(local[0].length() > 8 ? "[::]:" + port : "0.0.0.0:" + port);
            }
        }
        return out;
    }

    private static Set<String> socketInodes(Path fds) {
        Set<String> out = new HashSet<>();
        try (Stream<Path> all = Files.list(fds)) {
            all.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        out.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException | UnsupportedOperationException closed) {
                    // closed meanwhile
                }
            });
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, not ours, or gone
        }
        return out;
    }
}
