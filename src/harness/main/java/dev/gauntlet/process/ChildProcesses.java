package dev.gauntlet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Child processes of one gate run: started with their output in a log file, recorded in {@link Leftovers}, and
 * stopped with their whole process tree in reverse start order on {@link #close()} (idempotent, shutdown-hook
 * safe). Other resources of the run (containers) can be {@linkplain #adopt adopted} to be closed in the same order.
 */
public final class ChildProcesses implements AutoCloseable {
    private final Leftovers leftovers;
    private final Deque<Object> started = new ArrayDeque<>(); // Process or adopted AutoCloseable
    /** The command of each process still to stop (its class-data archive is dumped before). */
    private final Map<Process, List<String>> commands = new IdentityHashMap<>();

    private final Workspace workspace;

    /** Child processes that run in this JVM's folder. */
    public ChildProcesses(Leftovers leftovers) {
        this(leftovers, Workspace.current());
    }

    /** Child processes that run in {@code workspace}'s folder. */
    public ChildProcesses(Leftovers leftovers, Workspace workspace) {
        this.leftovers = leftovers;
        this.workspace = workspace;
    }

    /** Where the processes run, and the JVM they start Java programs with. */
    public Workspace workspace() {
        return workspace;
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code log}.
     *
     * @throws IOException when the program cannot be started at all (not found, not executable)
     */
    public synchronized Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workspace.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("pact_do_not_track", "true");
        Process p = pb.start();
        started.push(p);
        commands.put(p, List.copyOf(command));
        leftovers.started(p.toHandle());
        return p;
    }

    /** Stops one process (and its descendants) now. */
    public synchronized void stop(Process p) {
        Leftovers.stop(p.toHandle(), Duration.ofSeconds(5));
        started.remove(p);
        commands.remove(p);
    }

    /**
     * Takes a resource that is not a process, e.g. the containers of a run: {@link #close()} closes it in reverse
     * start order with the processes. {@code kind} is recorded in {@link Leftovers} until then, so that the next gate
     * knows a killed gate left such resources behind ({@link Leftovers#takeMarksOfDeadGates}).
     */
    public synchronized void adopt(String kind, AutoCloseable resource) {
        leftovers.mark(kind);
        started.push(resource);
    }

    @Override
    public synchronized void close() {
        ServiceArchive.dumpRunning(commands); // a Java service's first gate: its classes, for a faster next start
        commands.clear();
        while (!started.isEmpty()) {
            Object next = started.pop();
            if (next instanceof Process p) {
                Leftovers.stop(p.toHandle(), Duration.ofSeconds(5));
            } else {
                try {
                    ((AutoCloseable) next).close();
                } catch (Exception e) {
                    System.err.println("[gate] could not close " + next + ": " + e.getMessage());
                }
            }
        }
        leftovers.clear();
    }

    /** The last {@code lines} lines of a log file, or an empty string. */
    public static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (java.nio.charset.MalformedInputException e) {
            return "(log is not UTF-8)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
