package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.guard.LoopbackAgentJar;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.ClassDataArchive;
import dev.gauntlet.process.Workspace;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.PackedHistogram;

/**
 * Runs a simulation in a forked load-worker JVM against the target and reads back what it recorded. The worker's
 * output goes to {@code RUN/load/worker.log}; its progress lines are echoed to the console.
 */
public final class LoadStage {
    private LoadStage() {
    }

    /**
     * @param spec      which simulation, with which settings
     * @param target    base URL of the provider under test (loopback)
     * @param runDir    the run folder; results go to {@code runDir/load}
     * @param processes where the worker is registered, so Ctrl-C and crashes stop it
     * @param console   progress lines
     * @throws LoadException when the worker fails or does not finish in time, with its log tail
     */
    public static LoadResults run(LoadSpec spec, URI target, Path runDir, ChildProcesses processes,
                                  Consumer<String> console) {
        return run(spec, target, runDir, processes, console, TapSpec.OFF);
    }

    /** As {@link #run(LoadSpec, URI, Path, ChildProcesses, Consumer)}, the worker keeping what {@code tap} says. */
    public static LoadResults run(LoadSpec spec, URI target, Path runDir, ChildProcesses processes,
                                  Consumer<String> console, TapSpec tap) {
        return run(spec, target, List.of(), runDir, processes, console, tap);
    }

    /**
     * As {@link #run(LoadSpec, URI, Path, ChildProcesses, Consumer, TapSpec)}, with the worker's guard letting it reach
     * {@code targets} (the environment's {@code targets:}) besides loopback.
     */
    public static LoadResults run(LoadSpec spec, URI target, List<String> targets, Path runDir,
                                  ChildProcesses processes, Consumer<String> console, TapSpec tap) {
        if (spec.injectors().onKubernetes()) {
            return KubernetesInjectors.run(spec, target, targets, runDir, processes, console, tap);
        }
        if (spec.injectors().many()) {
            return LocalInjectors.run(spec, target, targets, runDir, processes, console, tap);
        }
        return finish(launch(spec, spec.plan(), target, targets, runDir, processes, tap, null), console);
    }

    /**
     * A lone load worker started before its load is due: its JVM, Gatling and the simulation get ready, then wait at
     * the start barrier (no request is sent) while the gate verifies contracts and runs probes; {@link #run(Ahead,
     * Consumer)} lets it go. Stopped with {@code processes} when the run ends before its load.
     */
    public record Ahead(LoadSpec spec, Path out, Path log, Path go, Process worker, ChildProcesses processes) {
    }

    /**
     * Starts the worker of {@code spec} (its {@code plan} as declared, or null: {@link WorkerJit}) ahead of its load
     * (see {@link Ahead}); null when the load is split over several injectors or runs on Kubernetes (own barrier).
     */
    public static Ahead ahead(LoadSpec spec, LoadPlan plan, URI target, List<String> targets, Path runDir,
                              ChildProcesses processes, TapSpec tap) {
        if (spec.injectors().many() || spec.injectors().onKubernetes()) {
            return null;
        }
        return launch(spec, plan, target, targets, runDir, processes, tap,
                RunFiles.load(runDir).toAbsolutePath().resolve(RunFiles.INJECTORS_GO));
    }

    /** Lets a worker started {@link #ahead} offer its load now, and waits for its results. */
    public static LoadResults run(Ahead ahead, Consumer<String> console) {
        try {
            Path tmp = ahead.go().resolveSibling(ahead.go().getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(System.currentTimeMillis()), StandardCharsets.UTF_8);
            Files.move(tmp, ahead.go(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            ahead.processes().stop(ahead.worker());
            throw new LoadException("could not start the load worker's load: " + e.getMessage(), "");
        }
        return finish(ahead, console);
    }

    /** Starts the worker; with {@code go}, it waits at the start barrier until that file names the start. */
    private static Ahead launch(LoadSpec spec, LoadPlan plan, URI target, List<String> targets, Path runDir,
                                ChildProcesses processes, TapSpec tap, Path go) {
        Path out = RunFiles.load(runDir).toAbsolutePath();
        Path log = out.resolve(RunFiles.WORKER_LOG);
        List<String> command = command(spec, target, targets, out, processes.workspace());
        command.addAll(1, tap.properties());
        command.addAll(1, WorkerJit.options(plan));
        if (go != null) { // one injector of one, with no time limit at the barrier: the gate stops it if need be
            command.addAll(1, List.of("-Dgauntlet.injector=1/1", "-Dgauntlet.go=" + go,
                    "-D" + InjectorSlot.WAIT_PROPERTY + "=" + spec.timeout().multipliedBy(4).toMillis()));
        }
        try {
            Files.createDirectories(out);
            // a reused run folder must not feed the last run's clock or records to this one
            for (String stale : RunFiles.WORKER_OUTPUT) {
                Files.deleteIfExists(out.resolve(stale));
            }
            if (go != null) {
                Files.deleteIfExists(go);
            }
            return new Ahead(spec, out, log, go, processes.start(command, Map.of(), log), processes);
        } catch (IOException e) {
            throw new LoadException("could not start the load worker: " + e.getMessage(), "");
        }
    }

    /** Waits for the worker to finish its load and reads what it recorded. */
    private static LoadResults finish(Ahead started, Consumer<String> console) {
        LoadSpec spec = started.spec();
        Path out = started.out();
        Path log = started.log();
        Process worker = started.worker();
        ChildProcesses processes = started.processes();
        Thread echo = follow(log, console);
        try {
            if (!worker.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                processes.stop(worker);
                throw new LoadException("the load did not finish within " + spec.timeout().toMinutes()
                        + " min (load.timeout)", ChildProcesses.tail(log, 30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            processes.stop(worker);
            throw new LoadException("the load was interrupted", ChildProcesses.tail(log, 30));
        } finally {
            echo.interrupt();
        }
        if (worker.exitValue() != 0 || !Files.exists(out.resolve(RunFiles.WORKER_RESULT))) {
            throw new LoadException("the load worker failed (exit " + worker.exitValue() + ")", ChildProcesses.tail(log, 30));
        }
        if (!Files.exists(out.resolve(RunFiles.TIMELINE))) {
            throw new LoadException(spec.simulationClass() + " sent no request through LoadRun.request, so nothing was "
                    + "recorded (does it extend GauntletSimulation and wrap its requests with run.request?)",
                    ChildProcesses.tail(log, 30));
        }
        return read(out, spec.simulationClass());
    }

    /**
     * A dry run of the simulation in a load-worker JVM (the same class path and loopback guard as the load): the
     * simulation is built, nothing is sent. Says which settings it reads, the plan it would run and its operations.
     *
     * @param spec      which simulation, with which settings and {@code load.plan}
     * @param dir       a folder for the worker's files (its log, {@code declared.json})
     * @param processes where the worker is registered, so Ctrl-C stops it
     * @throws LoadException when the worker fails or does not finish within a minute, with its log tail
     */
    public static Declaration declare(LoadSpec spec, Path dir, ChildProcesses processes) {
        Path out = dir.toAbsolutePath();
        Path log = out.resolve(RunFiles.DECLARE_LOG);
        List<String> command = command(spec, URI.create("http://127.0.0.1:9"), List.of(), out, processes.workspace());
        command.add(command.size() - 1, LoadWorker.DECLARE);
        command.set(command.indexOf("-Xms256m"), WorkerJit.C1); // a short JVM: start fast, no big heap
        try {
            Files.createDirectories(out);
            Files.deleteIfExists(out.resolve(RunFiles.DECLARED));
            Process worker = processes.start(command, Map.of(), log);
            if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                processes.stop(worker);
                throw new LoadException("the dry run of " + spec.simulationClass() + " did not finish within 60 s",
                        ChildProcesses.tail(log, 30));
            }
            if (worker.exitValue() != 0 || !Files.exists(out.resolve(RunFiles.DECLARED))) {
                throw new LoadException("the dry run of " + spec.simulationClass() + " failed (exit "
                        + worker.exitValue() + ")", ChildProcesses.tail(log, 30));
            }
            return LoadWorker.JSON.readValue(out.resolve(RunFiles.DECLARED).toFile(), Declaration.class);
        } catch (IOException e) {
            throw new LoadException("could not run the dry run of " + spec.simulationClass() + ": " + e.getMessage(),
                    ChildProcesses.tail(log, 30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("the dry run was interrupted", "");
        }
    }

    static List<String> command(LoadSpec spec, URI target, List<String> targets, Path out, Workspace workspace) {
        List<String> command = command(properties(spec, target, targets), spec.simulationClass(), out,
                workspace.java(), workspace.classpathArgument());
        command.addAll(1, archive(workspace).options());
        return command;
    }

    /** The module options of every load worker: its class-data archive is dumped with them (JDK 25 checks). */
    private static final List<String> MODULE_OPTIONS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
            // JDK 24+ warns when Netty loads its native transport unless native access is granted (17 accepts it)
            "--enable-native-access=ALL-UNNAMED");

    /**
     * The class-data archive of load workers and dry runs forked with {@code workspace}: used when it is there,
     * recorded by the JVM otherwise, written by the gate when it ends ({@link ClassDataArchive#write}).
     */
    public static ClassDataArchive archive(Workspace workspace) {
        List<String> dumpedWith = new ArrayList<>(MODULE_OPTIONS);
        dumpedWith.add("--add-modules=java.instrument"); // what -javaagent adds at run time
        return ClassDataArchive.of(workspace, dumpedWith);
    }

    /** What a load worker is told of the run: target, the hosts its guard lets it reach, settings, plan. */
    static List<String> properties(LoadSpec spec, URI target, List<String> targets) {
        List<String> props = new ArrayList<>(List.of("-Dgauntlet.baseUrl=" + target,
                "-D" + dev.gauntlet.guard.boot.LoopbackRegistry.TARGETS_PROPERTY + "=" + String.join(",", targets)));
        spec.settings().forEach((k, v) -> props.add("-Dgauntlet.setting." + k + "=" + v));
        if (spec.plan() != null) {
            props.add("-Dgauntlet.plan=" + spec.plan().encode());
        }
        return props;
    }

    /** The load worker's command line: {@code java}, the guard, {@code properties}, {@code simulation}. */
    static List<String> command(List<String> properties, String simulation, Path out, String java, String classpath) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(MODULE_OPTIONS);
        cmd.addAll(List.of(
                "-javaagent:" + LoopbackAgentJar.write(out), "-Xms256m", "-Xmx1g",
                "-Djava.util.prefs.userRoot=" + out.resolve(RunFiles.PREFS),
                "-Dpact_do_not_track=true",
                "-Dgauntlet.out=" + out));
        cmd.addAll(properties);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(LoadWorker.class.getName());
        cmd.add(simulation);
        return cmd;
    }

    /** Echoes the worker's progress lines while it runs. */
    private static Thread follow(Path log, Consumer<String> console) {
        return follow(log, "", console);
    }

    /** Echoes the worker's progress lines while it runs, after {@code prefix}. */
    static Thread follow(Path log, String prefix, Consumer<String> console) {
        Thread t = new Thread(() -> {
            long pos = 0;
            StringBuilder partial = new StringBuilder();
            while (!Thread.currentThread().isInterrupted()) {
                try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                    if (f.length() > pos) {
                        f.seek(pos);
                        byte[] buf = new byte[(int) Math.min(f.length() - pos, 1 << 20)];
                        f.readFully(buf);
                        pos += buf.length;
                        partial.append(new String(buf, StandardCharsets.UTF_8));
                        int nl;
                        while ((nl = partial.indexOf("\n")) >= 0) {
                            String line = partial.substring(0, nl);
                            partial.delete(0, nl + 1);
                            if (line.startsWith("[load]")) {
                                console.accept(prefix.isEmpty() ? line : "[load " + prefix + "]" + line.substring(6));
                            }
                        }
                    }
                } catch (FileNotFoundException e) {
                    // not written yet
                } catch (IOException e) {
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gauntlet-load-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Reads a finished worker's folder: timeline.json, worker.json and histograms.hlog. */
    static LoadResults read(Path out, String simulation) {
        return read(out, simulation, false);
    }

    /**
     * As {@link #read(Path, String)}; {@code packed}: the interval histograms are kept packed (memory in proportion to
     * the values they hold, not to their range), as one of several injectors' are: ten injectors' hour of one-second
     * intervals would not fit a heap otherwise. Adding packed histograms is slower (the charts of an hour: ~10 s).
     */
    static LoadResults read(Path out, String simulation, boolean packed) {
        try {
            JsonNode announced = LoadWorker.JSON.readTree(out.resolve(RunFiles.TIMELINE).toFile());
            Timeline timeline = LoadWorker.JSON.treeToValue(announced.get("timeline"), Timeline.class);
            List<String> operations = LoadWorker.JSON.convertValue(announced.get("operations"),
                    LoadWorker.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
            Path result = out.resolve(RunFiles.WORKER_RESULT);
            JsonNode worker = Files.exists(result) ? LoadWorker.JSON.readTree(result.toFile())
                    : LoadWorker.JSON.createObjectNode(); // a worker that was stopped: its log says what it did
            List<String> refused = new ArrayList<>();
            worker.path("refusedConnections").forEach(n -> refused.add(n.asText()));
            Path hlog = out.resolve(RunFiles.HISTOGRAMS);
            long[] logged = worker.has("visits") ? null : loggedVisits(hlog);
            Map<String, Long> visits = new LinkedHashMap<>();
            for (int i = 0; i < timeline.windows().size(); i++) {
                visits.put(timeline.windows().get(i).name(), logged == null ? worker.path("visits").path(i).asLong(0)
                        : i < logged.length ? logged[i] : 0);
            }
            Map<String, LoadResults.Cell> cells = new LinkedHashMap<>();
            List<LoadResults.Interval> intervals = new ArrayList<>();
            if (Files.exists(hlog)) {
                HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
                EncodableHistogram e;
                while ((e = next(reader, worker)) != null) {
                    Histogram h = (Histogram) e;
                    String[] tag = h.getTag().split("\\|");
                    String op = URLDecoder.decode(tag[0], StandardCharsets.UTF_8);
                    Outcome outcome = Outcome.valueOf(tag[2]);
                    intervals.add(new LoadResults.Interval(h.getStartTimeStamp(), op, tag[1], outcome,
                            packed ? packed(h) : h));
                    cells.computeIfAbsent(h.getTag(), k -> new LoadResults.Cell(op, tag[1], outcome,
                            new Histogram(1, LoadRecorder.MAX_MICROS, LoadRecorder.SIGNIFICANT_DIGITS)))
                            .histogram().add(h);
                }
            }
            Path gatling = latestReport(out.resolve(RunFiles.GATLING));
            return new LoadResults(simulation, timeline, operations, new ArrayList<>(cells.values()), refused,
                    gatling, intervals, visits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read load results in " + out, e);
        }
    }

    /** A copy of {@code h} whose memory grows with the values it holds, not with its range. */
    static Histogram packed(Histogram h) {
        PackedHistogram p = new PackedHistogram(h); // the range and time stamps only
        p.add(h);
        return p;
    }

    /** The next interval; for a worker that was stopped, a last line cut short ends the log. */
    private static EncodableHistogram next(HistogramLogReader reader, JsonNode worker) {
        try {
            return reader.nextIntervalHistogram();
        } catch (RuntimeException cutShort) {
            if (worker.has("visits")) {
                throw cutShort;
            }
            return null;
        }
    }

    /** The last visits comment of a log ({@link LoadRecorder#VISITS}), or an empty array. */
    private static long[] loggedVisits(Path hlog) throws IOException {
        if (!Files.exists(hlog)) {
            return new long[0];
        }
        String last = null;
        try (Stream<String> lines = Files.lines(hlog, StandardCharsets.ISO_8859_1)) {
            last = lines.filter(l -> l.startsWith("#" + LoadRecorder.VISITS)).reduce((a, b) -> b).orElse(null);
        }
        if (last == null || last.length() == LoadRecorder.VISITS.length() + 1) {
            return new long[0];
        }
        String[] parts = last.substring(LoadRecorder.VISITS.length() + 1).trim().split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i].trim());
        }
        return out;
    }

    private static Path latestReport(Path gatling) throws IOException {
        if (!Files.isDirectory(gatling)) {
            return null;
        }
        try (Stream<Path> runs = Files.list(gatling)) {
            return runs.filter(Files::isDirectory).max(Path::compareTo).orElse(null);
        }
    }
}
