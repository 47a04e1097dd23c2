package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import dev.gauntlet.process.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code load.injectors: N} on this machine: N load workers, each offering {@code 1/N} of the plan from its own folder
 * ({@code RUN/load/injector-K}), released together by a start barrier; their records are merged
 * ({@link InjectorMerge}) into the results of one load. The coordinator watches them: one that dies or stalls stops
 * the others and is reported with the phase it stopped in, never hidden in a merged total.
 */
final class LocalInjectors {
    /** How long every injector has to build its simulation and say it is ready. */
    private static final long READY_MILLIS = 180_000;
    /** The start is set this far after the last injector is ready, so that every one sees the go in time. */
    private static final long GO_AHEAD_MILLIS = 1_000;
    private static final long POLL_MILLIS = 100;
    /**
     * An injector whose record log has not grown for this long is stalled (a live recorder writes at least its
     * visits line every second, with or without requests: only a frozen or hung JVM stops).
     */
    private static final long STALL_MILLIS = 30_000;

    private final LoadSpec spec;
    private final Path out;
    private final ChildProcesses processes;
    private final Consumer<String> console;
    private final int count;
    private final List<Worker> workers = new ArrayList<>();
    private final InjectorRecords records;

    private LocalInjectors(LoadSpec spec, Path out, ChildProcesses processes, Consumer<String> console) {
        this.spec = spec;
        this.out = out;
        this.processes = processes;
        this.console = console;
        this.count = spec.injectors().count();
        this.records = new InjectorRecords(spec, out);
    }

    /** One injector process and how it ended. */
    private static final class Worker {
        final int index;
        final Path dir;
        final Process process;
        final Thread echo;
        InjectorRun.State state;
        long stoppedAt;
        long logSize = -1;
        long lastGrowth;
        String detail = "";

        Worker(int index, Path dir, Process process, Thread echo) {
            this.index = index;
            this.dir = dir;
            this.process = process;
            this.echo = echo;
        }
    }

    static LoadResults run(LoadSpec spec, URI target, List<String> targets, Path runDir, ChildProcesses processes,
                           Consumer<String> console, TapSpec tap) {
        LocalInjectors fleet = new LocalInjectors(spec, RunFiles.load(runDir).toAbsolutePath(), processes, console);
        try {
            return fleet.run(target, targets, tap);
        } finally {
            fleet.workers.forEach(w -> w.echo.interrupt());
        }
    }

    private LoadResults run(URI target, List<String> targets, TapSpec tap) {
        Path go = out.resolve(RunFiles.INJECTORS_GO);
        try {
            Files.createDirectories(out);
            Files.deleteIfExists(go);
            for (String stale : RunFiles.WORKER_OUTPUT) {
                Files.deleteIfExists(out.resolve(stale));
            }
            for (int k = 1; k <= count; k++) {
                workers.add(start(k, target, targets, tap, go));
            }
        } catch (IOException e) {
            stopAll();
            throw new LoadException("could not start the load injectors: " + e.getMessage(), "");
        }
        long startAt = barrier(go);
        console.accept(String.format("[gate]   %d injectors ready; the load starts at %s", count,
                java.time.Instant.ofEpochMilli(startAt)));
        watch(startAt);
        return results();
    }

    private Worker start(int k, URI target, List<String> targets, TapSpec tap, Path go) throws IOException {
        Path dir = RunFiles.injector(out, k);
        Files.createDirectories(dir);
        for (String stale : RunFiles.WORKER_OUTPUT) {
            Files.deleteIfExists(dir.resolve(stale));
        }
        Files.deleteIfExists(dir.resolve(InjectorSlot.READY));
        Path traffic = out.resolve(RunFiles.TRAFFIC);
        if (Files.exists(traffic)) { // traffic made from the contracts: every injector reads it from its folder
            Files.copy(traffic, dir.resolve(RunFiles.TRAFFIC), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = LoadStage.command(spec, target, targets, dir, processes.workspace());
        command.addAll(1, tap.properties());
        command.addAll(1, List.of("-Dgauntlet.injector=" + k + "/" + count, "-Dgauntlet.go=" + go));
        Path log = dir.resolve(RunFiles.WORKER_LOG);
        Process p = processes.start(command, Map.of(), log);
        return new Worker(k, dir, p, LoadStage.follow(log, k + "/" + count, console));
    }

    /** Waits until every injector is ready, then writes the start time; returns it. */
    private long barrier(Path go) {
        long deadline = System.currentTimeMillis() + READY_MILLIS;
        while (true) {
            Worker dead = workers.stream().filter(w -> !w.process.isAlive()).findFirst().orElse(null);
            if (dead != null) {
                stopAll();
                throw new LoadException("injector " + dead.index + " of " + count + " ended before the start ("
                        + exit(dead.process) + "); no injector offered any load",
                        ChildProcesses.tail(dead.dir.resolve(RunFiles.WORKER_LOG), 30));
            }
            if (workers.stream().allMatch(w -> Files.exists(w.dir.resolve(InjectorSlot.READY)))) {
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                stopAll();
                throw new LoadException("not every injector was ready within " + READY_MILLIS / 1000 + " s", "");
            }
            sleep();
        }
        long startAt = System.currentTimeMillis() + GO_AHEAD_MILLIS;
        try {
            Path tmp = go.resolveSibling(go.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(startAt), StandardCharsets.UTF_8);
            Files.move(tmp, go, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            stopAll();
            throw new UncheckedIOException("cannot release the injectors", e);
        }
        return startAt;
    }

    /**
     * Watches the injectors until all finished, or one died or stalled (the others are then stopped), or
     * {@code load.timeout} passed. Publishes the merged timeline (for the fault schedule) once all have announced theirs.
     */
    private void watch(long startAt) {
        long hardEnd = startAt + spec.timeout().toMillis();
        while (true) {
            long now = System.currentTimeMillis();
            records.announce(workers.stream().map(w -> w.dir).toList(), now);
            for (Worker w : workers) {
                if (w.state == null && !w.process.isAlive()) {
                    boolean finished = w.process.exitValue() == 0
                            && Files.exists(w.dir.resolve(RunFiles.WORKER_RESULT));
                    w.state = finished ? InjectorRun.State.FINISHED : InjectorRun.State.DIED;
                    w.stoppedAt = now;
                    w.detail = finished ? "" : exit(w.process);
                }
            }
            Worker died = workers.stream().filter(w -> w.state == InjectorRun.State.DIED).findFirst().orElse(null);
            Worker stalled = died != null ? null : workers.stream().filter(w -> w.state == null && stalled(w, startAt,
                    now)).findFirst().orElse(null);
            if (stalled != null) {
                stalled.state = InjectorRun.State.STALLED;
                stalled.stoppedAt = Math.max(startAt, stalled.lastGrowth);
                stalled.detail = "no record for " + STALL_MILLIS / 1000 + " s";
                processes.stop(stalled.process);
                died = stalled;
            }
            if (died != null) {
                console.accept("[gate]   injector " + died.index + " of " + count + " " + (stalled != null
                        ? "stalled" : "ended early") + " (" + died.detail + "): stopping the other injectors");
                stopRunning(InjectorRun.State.STOPPED, "stopped by the gate: injector " + died.index + " failed");
                return;
            }
            if (workers.stream().allMatch(w -> w.state != null)) {
                return;
            }
            if (now > hardEnd) {
                console.accept("[gate]   the injectors did not finish within load.timeout: stopping them");
                stopRunning(InjectorRun.State.STALLED, "did not finish within load.timeout");
                return;
            }
            sleep();
        }
    }

    /** Whether {@code w}'s record log has not grown for {@link #STALL_MILLIS} since the start. */
    private static boolean stalled(Worker w, long startAt, long now) {
        long size;
        try {
            Path log = w.dir.resolve(RunFiles.HISTOGRAMS);
            size = Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            size = w.logSize;
        }
        if (size != w.logSize) {
            w.logSize = size;
            w.lastGrowth = now;
        }
        return now - Math.max(startAt, w.lastGrowth) > STALL_MILLIS;
    }

    private void stopRunning(InjectorRun.State as, String detail) {
        long now = System.currentTimeMillis();
        for (Worker w : workers) {
            if (w.state == null) {
                w.state = as;
                w.stoppedAt = now;
                w.detail = detail;
                processes.stop(w.process);
            }
        }
    }

    private void stopAll() {
        workers.forEach(w -> processes.stop(w.process));
    }

    /** Reads every injector's records, merges them, and says what each did. */
    private LoadResults results() {
        List<InjectorRecords.Ended> ended = workers.stream().map(w -> new InjectorRecords.Ended(w.index, w.dir,
                w.state, w.stoppedAt, w.detail)).toList();
        return records.results(ended, () -> ChildProcesses.tail(workers.get(0).dir.resolve(RunFiles.WORKER_LOG), 30));
    }

    /** {@code exit 1}, or {@code exit 137, killed by signal 9}. */
    static String exit(Process p) {
        return exit(p.exitValue());
    }

    /** {@code exit 1}, or {@code exit 137, killed by signal 9}. */
    static String exit(int code) {
        return "exit " + code + (code > 128 && code < 160 ? ", killed by signal " + (code - 128) : "");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("the load was interrupted", "");
        }
    }
}
