package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gauntlet.guard.LoopbackAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Main class of the load worker JVM that the gate forks: runs one Gatling simulation with a {@link LoadRun}
 * recording every request, then writes {@code worker.json} beside the histogram log. A JVM of its own keeps
 * Gatling's threads, logging and memory away from the gate and lets several generators run side by side.
 */
public final class LoadWorker {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static Path out;

    /** First argument of a dry run: build the simulation, write what it declares, send nothing. */
    static final String DECLARE = "--declare";

    private LoadWorker() {
    }

    /** A dry run: the simulation is built but not run; {@code declared.json} says what it declared. */
    private static void declare(String[] args) throws IOException {
        LoadRun run = LoadRun.fromSystemProperties(System.getProperties(), true);
        Path dir = run.out();
        Files.createDirectories(dir);
        LoadRun.install(run);
        // what Gatling does before it instantiates a simulation: the DSL (StringBody, feeders …) reads this
        io.gatling.core.Predef$.MODULE$._configuration_$eq(io.gatling.core.config.GatlingConfiguration$.MODULE$.load());
        JSON.writeValue(dir.resolve(RunFiles.DECLARED).toFile(), Declaration.of(args[1], run));
        System.out.flush();
        System.exit(0);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && !(args.length == 2 && args[0].equals(DECLARE))) {
            System.err.println("usage: LoadWorker [--declare] <simulation class>  (with -Dgauntlet.baseUrl, -Dgauntlet.out)");
            System.exit(2);
        }
        if (!LoopbackAgent.active()) {
            // fail closed: without the guard nothing proves that the load stayed on loopback
            System.err.println("the loopback guard is not in force: start the worker with -javaagent (LoadStage does)");
            System.exit(2);
        }
        if (args[0].equals(DECLARE)) {
            declare(args);
            return;
        }
        silenceVersionCheck();
        LoadRun run = LoadRun.fromSystemProperties(System.getProperties());
        out = Path.of(System.getProperty("gauntlet.out", "target/gauntlet/load"));
        Files.createDirectories(out);
        LoadRun.install(run);
        // stopped by the gate (another injector failed, Ctrl-C): the last second's records still reach the log
        Runtime.getRuntime().addShutdownHook(new Thread(run.recorder()::close, "gauntlet-recorder-close"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("simulation", args[0]);
        int code;
        try {
            code = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                "-s", args[0],
                "-rf", out.resolve(RunFiles.GATLING).toString(),
                "-rd", Base64.getEncoder().encodeToString("gauntlet gate".getBytes(StandardCharsets.UTF_8))});
        } catch (Throwable t) {
            result.put("error", t.toString());
            code = -1;
        } finally {
            run.recorder().close();
            run.tap().close();
        }
        result.put("gatlingExitCode", code);
        result.put("visits", run.recorder().visits());
        result.put("refusedConnections", LoopbackAgent.refused());
        JSON.writeValue(out.resolve(RunFiles.WORKER_RESULT).toFile(), result);
        System.out.flush();
        // Gatling may leave a non-daemon scheduler thread behind: end the JVM explicitly.
        System.exit(code < 0 ? 1 : 0);
    }

    /**
     * Gatling checks for a newer release on every run (gatling.conf cannot stop it) and remembers the last check in
     * java.util.prefs. The gate points {@code java.util.prefs.userRoot} at a folder it owns; seeding a check "in the
     * future" there makes Gatling trust its cache and stay offline.
     */
    static void silenceVersionCheck() {
        Preferences prefs = Preferences.userRoot().node("/io/gatling/latestVersion");
        prefs.putLong("lastCheckTimestamp", 4_102_444_800_000L);
        prefs.putBoolean("lastCheckSuccess", true);
        prefs.put("latestReleaseNumber", io.gatling.commons.util.GatlingVersion.ThisVersion().fullVersion());
        prefs.put("latestReleaseDate", "2025-01-01T00:00:00Z");
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            System.err.println("could not seed Gatling's version-check cache: " + e.getMessage());
        }
    }

    /** Writes the run's timeline as soon as injection starts, so even an aborted run has it. */
    static void announce(Timeline timeline, List<String> operations) {
        if (out == null) {
            return;
        }
        writeTimeline(out, timeline, operations);
    }

    /** Writes {@code dir/timeline.json} whole (a reader polling for it never sees half a file). */
    static void writeTimeline(Path dir, Timeline timeline, List<String> operations) {
        try {
            Path tmp = dir.resolve(RunFiles.TIMELINE + ".tmp");
            JSON.writeValue(tmp.toFile(), Map.of("timeline", timeline, "operations", operations));
            java.nio.file.Files.move(tmp, dir.resolve(RunFiles.TIMELINE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("could not write timeline: " + e.getMessage());
        }
    }
}
