package dev.gauntlet.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.environment.EnvironmentException;
import dev.gauntlet.load.LoadException;
import dev.gauntlet.report.Report;
import dev.gauntlet.config.ConfigException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failure of a stage becomes: exit code, the aborted part of the report, the stack trace file. */
class StagesTest {
    private static final Path SPEC = Path.of("environments/local.yaml");

    @Test
    void exitCodesFollowTheStageAndTheKindOfFailure() {
        assertEquals(Gate.USAGE, Stages.exitCode("config", new IllegalArgumentException("no class NopeSimulation")));
        assertEquals(Gate.USAGE, Stages.exitCode("traffic", new IllegalArgumentException("mix names GET /nope")));
        assertEquals(Gate.USAGE, Stages.exitCode("contracts", new ConfigException(SPEC, "contracts.openapi", "no GET /x")));
        assertEquals(Gate.ENVIRONMENT_FAILED, Stages.exitCode("environment", new EnvironmentException("api", "exited", "")));
        assertEquals(Gate.ENVIRONMENT_FAILED, Stages.exitCode("environment", new NullPointerException()));
        assertEquals(Gate.FAILED, Stages.exitCode("contracts", new IllegalArgumentException("a bug, not the user's")));
        assertEquals(Gate.FAILED, Stages.exitCode("load", new LoadException("the load worker failed (exit 1)", "")));
        assertEquals(Gate.FAILED, Stages.exitCode("config", new OutOfMemoryError("Java heap space")));
        assertEquals(Gate.FAILED, Stages.exitCode("report", new IllegalStateException("disk full")));
    }

    @Test
    void anExpectedFailureSaysWhatHappenedWithoutItsType(@TempDir Path run) throws Exception {
        Report.Aborted a = Stages.aborted("load", new LoadException("the load worker failed (exit 1)", "boom"), SPEC, run);
        assertEquals("load", a.stage());
        assertTrue(a.reason().startsWith("the load worker failed (exit 1)\n--- last lines of the load worker's log ---"));
        assertNull(a.exception());
        assertEquals(Stages.STACK_TRACE, a.stackTrace());
        assertTrue(Files.readString(run.resolve(a.stackTrace())).contains("LoadException"));

        Report.Aborted config = Stages.aborted("config", new IllegalArgumentException("no class NopeSimulation"), SPEC, run);
        assertEquals(SPEC + ": no class NopeSimulation", config.reason());
    }

    @Test
    void anUnexpectedFailureIsNamedWithItsCausesAndItsStackTraceIsKept(@TempDir Path run) throws Exception {
        Throwable failure = new IllegalStateException("could not score",
                new UncheckedIOException("read histograms", new java.io.IOException("disk gone")));
        Report.Aborted a = Stages.aborted("scoring", failure, SPEC, run.resolve("new-folder"));
        assertEquals("java.lang.IllegalStateException", a.exception());
        List<String> lines = a.reason().lines().toList();
        assertEquals("IllegalStateException: could not score (stack trace: " + run.resolve("new-folder")
                .resolve(Stages.STACK_TRACE) + ")", lines.get(0));
        assertEquals(List.of("caused by UncheckedIOException: read histograms", "caused by IOException: disk gone"),
                lines.subList(1, 3));
        String trace = Files.readString(run.resolve("new-folder").resolve(a.stackTrace()));
        assertTrue(trace.contains("\tat dev.gauntlet.gate.StagesTest"), trace);
    }

    @Test
    void teardownGoesOnAfterAStepThatThrows() {
        List<String> problems = new ArrayList<>();
        List<String> done = new ArrayList<>();
        Stages.guarded("revert the faults", () -> {
            throw new IllegalStateException("docker unpause failed");
        }, problems);
        Stages.guarded("stop the services", () -> done.add("stopped"), problems);
        assertEquals(List.of("could not revert the faults: IllegalStateException: docker unpause failed"), problems);
        assertEquals(List.of("stopped"), done);
    }

    /** Teardown work set aside (the processes stopped beside the report) is waited for whole, interrupts or not. */
    @Test
    void workSetAsideIsWaitedForWholeEvenWhenTheWaiterIsInterrupted() throws InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread aside = Stages.aside("gauntlet-test-aside", () -> {
            try {
                release.await();
                done.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        boolean[] seen = new boolean[2];
        Thread waiter = new Thread(() -> {
            Stages.join(aside);
            seen[0] = done.get();
            seen[1] = Thread.currentThread().isInterrupted();
        });
        waiter.start();
        waiter.interrupt(); // before the work can end: the waiter keeps waiting
        release.countDown();
        waiter.join();
        assertTrue(seen[0], "the work had ended when join returned");
        assertTrue(seen[1], "the interrupt is kept for the caller");
    }
}
