package dev.gauntlet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Remembers every process a gate starts, in a file per gate process, so that the next gate can stop what a killed
 * gate ({@code kill -9}) left behind. A recorded process is only stopped when the gate that started it is gone and
 * the process is still the same one (same start instant), so concurrent gates and reused pids are safe.
 */
public final class Leftovers {
    private final Path dir;
    private final Path mine;

    Leftovers(Path dir) {
        this.dir = dir;
        this.mine = dir.resolve(ProcessHandle.current().pid() + ".pids");
    }

    /** The registry shared by every gate of this user on this machine. */
    public static Leftovers shared() {
        return new Leftovers(Path.of(System.getProperty("java.io.tmpdir"), "gauntlet-" + System.getProperty("user.name"), "live"));
    }

    /** Records a process this gate started. */
    public synchronized void started(ProcessHandle process) {
        try {
            Files.createDirectories(dir);
            long start = process.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
            Files.writeString(mine, process.pid() + " " + start + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record started process in " + dir, e);
        }
    }

    /** Called when this gate has stopped everything it started. */
    public synchronized void clear() {
        try {
            Files.deleteIfExists(mine);
            try (var marks = Files.list(dir)) {
                for (Path m : marks.filter(p -> p.getFileName().toString().startsWith(ProcessHandle.current().pid() + "."))
                        .toList()) {
                    Files.deleteIfExists(m);
                }
            }
        } catch (IOException ignored) {
            // a stale file is swept by the next gate
        }
    }

    /**
     * Notes that this gate holds resources of {@code kind} that are not processes (e.g. {@code containers}); the
     * note lasts until {@link #clear()}, so a gate killed before it leaves the note behind.
     */
    public synchronized void mark(String kind) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ProcessHandle.current().pid() + "." + kind), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + kind + " in " + dir, e);
        }
    }

    /**
     * Removes the {@link #mark} notes of gates that are no longer running.
     *
     * @return the pids of those gates: they may have left resources of {@code kind} behind
     */
    public List<Long> takeMarksOfDeadGates(String kind) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Long> dead = new java.util.ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d+\\." + kind)).toList()) {
                long gate = Long.parseLong(f.getFileName().toString().replace("." + kind, ""));
                if (!ProcessHandle.of(gate).map(ProcessHandle::isAlive).orElse(false)) {
                    Files.deleteIfExists(f);
                    dead.add(gate);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return dead;
    }

    /**
     * Stops processes recorded by gates that are no longer running.
     *
     * @param report told about each process stopped
     * @return how many processes were stopped
     */
    public int sweep(Consumer<String> report) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int stopped = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pids")).toList()) {
                long gate = Long.parseLong(f.getFileName().toString().replace(".pids", ""));
                if (gate == ProcessHandle.current().pid() || ProcessHandle.of(gate).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                for (String line : Files.readAllLines(f)) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length != 2) {
                        continue;
                    }
                    Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(parts[0]))
                            .filter(h -> h.info().startInstant().map(i -> i.toEpochMilli()).orElse(-1L) == Long.parseLong(parts[1]));
                    if (p.isPresent() && p.get().isAlive()) {
                        report.accept("stopping process " + parts[0] + " left behind by gate " + gate
                                + " (" + p.get().info().commandLine().orElse("?") + ")");
                        stop(p.get(), Duration.ofSeconds(5));
                        stopped++;
                    }
                }
                Files.deleteIfExists(f);
            }
        } catch (IOException | NumberFormatException e) {
            report.accept("could not sweep leftovers in " + dir + ": " + e.getMessage());
        }
        return stopped;
    }

    /**
     * SIGTERM to the process and its descendants, then SIGKILL to whatever is left after {@code grace}. A process
     * frozen by a fault (SIGSTOP) is thawed first, or it could not act on SIGTERM.
     */
    public static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();
        signal(process.pid(), "CONT");
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Sends a signal by name ({@code STOP}, {@code CONT}, {@code TERM}, {@code KILL}) with the system's {@code kill}:
     * Java itself can only send TERM and KILL.
     *
     * @return whether {@code kill} succeeded
     */
    public static boolean signal(long pid, String signal) {
        try {
            return new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
