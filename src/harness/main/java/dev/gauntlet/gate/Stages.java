package dev.gauntlet.gate;

import dev.gauntlet.files.RunFiles;
import dev.gauntlet.contract.BrokerException;
import dev.gauntlet.environment.EnvironmentException;
import dev.gauntlet.load.LoadException;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.report.Report;
import dev.gauntlet.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The stages of a gate run by name, and what a failure of one becomes: the aborted part of the report (stage, cause,
 * stack trace kept in the run folder) and the exit code.
 */
final class Stages {
    static final String CONFIG = "config";
    static final String ENVIRONMENT = "environment";
    static final String CONTRACTS = "contracts";
    static final String SECURITY = "security";
    static final String CACHING = "caching";
    static final String TRAFFIC = "traffic";
    static final String FAULTS = "faults";
    static final String LOAD = "load";
    static final String CHECKS = "checks";
    static final String SCORING = "scoring";
    static final String REPORT = "report";

    /** The file in the run folder that keeps the stack trace of the failure that aborted the run. */
    static final String STACK_TRACE = RunFiles.STACK_TRACE;

    /** Stages whose {@link IllegalArgumentException} is a mistake in the environment file (exit 2). */
    private static final Set<String> CONFIGURING = Set.of(CONFIG, TRAFFIC);

    private Stages() {
    }

    /**
     * The stage a failure in {@code step} ends: the step's own, but for the Pact Broker's failures, which end the
     * contracts stage wherever the broker was asked (its pacts are fetched when the run's inputs are loaded), and a
     * mistake in the environment file, which ends the config stage wherever it was found (the simulation's dry run
     * goes on while the environment starts).
     */
    static String of(String step, Throwable failure) {
        return failure instanceof BrokerException ? CONTRACTS : failure instanceof ConfigException ? CONFIG : step;
    }

    /** Exit code of a run that {@code stage} ended with {@code failure}. */
    static int exitCode(String stage, Throwable failure) {
        if (failure instanceof BrokerException broker) {
            return broker.exitCode();
        }
        if (failure instanceof ConfigException || failure instanceof IllegalArgumentException && CONFIGURING.contains(stage)) {
            return Gate.USAGE;
        }
        return stage.equals(ENVIRONMENT) ? Gate.ENVIRONMENT_FAILED : Gate.FAILED;
    }

    /**
     * What {@code failure} in {@code stage} tells the report. Expected failures (a service that cannot start, a load
     * worker that fails, a mistake in the environment file) say what happened with their evidence; anything else is
     * named with its exception type and its causes. Either way the stack trace goes to {@value #STACK_TRACE} in the
     * run folder, never to the console.
     */
    static Report.Aborted aborted(String stage, Throwable failure, Path specFile, Path runDir) {
        String trace = keepStackTrace(failure, runDir);
        String reason;
        String exception = null;
        if (failure instanceof EnvironmentException || failure instanceof LoadException || failure instanceof ConfigException
                || failure instanceof BrokerException) {
            reason = failure.getMessage();
        } else if (failure instanceof IllegalArgumentException && CONFIGURING.contains(stage)) {
            reason = specFile + ": " + failure.getMessage();
        } else {
            exception = failure.getClass().getName();
            StringBuilder r = new StringBuilder(describe(failure))
                    .append(trace == null ? "" : " (stack trace: " + runDir.resolve(trace) + ")");
            Throwable cause = failure.getCause();
            for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
                r.append("\ncaused by ").append(describe(cause));
            }
            reason = r.toString();
        }
        boolean mistake = failure instanceof ConfigException
                || failure instanceof IllegalArgumentException && CONFIGURING.contains(stage);
        return new Report.Aborted(stage, reason, exception, trace, mistake);
    }

    /** {@code IOException: disk full}: a failure in a few words, for a console line or a reason. */
    static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Writes the stack trace into the run folder; returns the file's name there, or null when it cannot. */
    private static String keepStackTrace(Throwable failure, Path runDir) {
        try {
            StringWriter text = new StringWriter();
            failure.printStackTrace(new PrintWriter(text));
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve(STACK_TRACE), text.toString(), StandardCharsets.UTF_8);
            return STACK_TRACE;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Teardown work going on beside the report's writing; {@link #join} waits for it and says what went wrong. */
    record Aside(Thread thread, List<String> problems) {
        List<String> join() {
            Stages.join(thread);
            synchronized (problems) {
                return List.copyOf(problems);
            }
        }
    }

    /**
     * Stops the run's processes (services, load worker) and the simulation's dry run ({@code dryRun}, null: none) on
     * a thread of its own: the report needs none of them, so they stop while it is written.
     */
    static Aside stopAside(ChildProcesses processes, Planning dryRun) {
        List<String> problems = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        return new Aside(aside("gauntlet-stop-processes", () -> {
            guarded("stop the services and the load worker", processes::close, problems);
            if (dryRun != null) {
                guarded("stop the simulation's dry run", dryRun::close, problems);
            }
        }), problems);
    }

    /**
     * Starts {@code work} on a thread of its own, beside what the caller does next (teardown steps that nothing after
     * them needs); {@link #join} waits for it.
     */
    static Thread aside(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.start();
        return t;
    }

    /** Waits for {@code t} to end, however often this thread is interrupted meanwhile (teardown must end whole). */
    static void join(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one teardown step; a failure is noted in {@code problems} and does not stop the next step. */
    static void guarded(String what, Runnable step, List<String> problems) {
        try {
            step.run();
        } catch (Throwable t) { // teardown goes on whatever one step threw
            problems.add("could not " + what + ": " + describe(t));
        }
    }
}
