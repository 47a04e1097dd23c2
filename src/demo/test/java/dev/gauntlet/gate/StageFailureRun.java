package dev.gauntlet.gate;

import dev.gauntlet.config.GateSpecs;
import dev.gauntlet.process.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gate with a failure injected as a stage begins, in a JVM of its own ({@link StageFailureIT} starts it), so that
 * what the gate leaves running is told apart from what other tests' gates run beside it: every process this JVM's
 * gate started is a descendant of this JVM. Writes into the run folder {@value #SEEN} (the pids of every descendant
 * seen as a stage began) and {@value #LEFT} (the descendants still alive once the gate returned, with their command
 * lines); exits with the gate's exit code.
 *
 * <pre>StageFailureRun ENV_FILE STAGE exception|error RUN_FOLDER</pre>
 */
public final class StageFailureRun {
    static final String SEEN = "stage-failure-seen.txt";
    static final String LEFT = "stage-failure-left.txt";

    private StageFailureRun() {
    }

    public static void main(String[] args) throws IOException {
        Path env = Path.of(args[0]);
        String failing = args[1];
        Throwable failure = args[2].equals("error") ? new NoClassDefFoundError("com/example/Missing")
                : new IllegalStateException("injected into " + failing);
        Path out = Path.of(args[3]);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        Gate.StageHook hook = stage -> {
            ProcessHandle.current().descendants().forEach(p -> seen.add(p.pid()));
            if (stage.equals(failing)) {
                if (failure instanceof Exception e) {
                    throw e;
                }
                throw (Error) failure;
            }
        };
        Gate.Outcome outcome = Gate.run(GateSpecs.load(env, Map.of()), out, System.out, Workspace.current(), hook);
        System.out.flush();
        Files.write(out.resolve(SEEN), seen.stream().map(String::valueOf).toList(), StandardCharsets.UTF_8);
        try {
            Thread.sleep(300); // a child that was told to stop may take a moment to be reaped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        Files.write(out.resolve(LEFT), left, StandardCharsets.UTF_8);
        System.exit(outcome.exitCode());
    }
}
