package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.process.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulation's dry run is made once per set of inputs: the same JDK, class-path files, simulation, settings and
 * environment read what the first declared; any of them changed, a failed dry run or a folder of classes make it again.
 */
class DeclaredPlansTest {
    @TempDir
    Path dir;

    private final AtomicInteger dryRuns = new AtomicInteger();

    private Supplier<Declaration> dryRun(String error) {
        return () -> {
            dryRuns.incrementAndGet();
            return new Declaration("sims.Spike", List.of(), "warmup,false,20,20,PT5S", List.of("GET /a"), error);
        };
    }

    private static LoadSpec spec(Map<String, String> settings) {
        return new LoadSpec(true, "sims.Spike", settings, Duration.ofMinutes(1));
    }

    private Declaration declare(Workspace w, Map<String, String> settings, Map<String, String> env, String error) {
        return DeclaredPlans.of(spec(settings), w, dir.resolve("plans"), env, dryRun(error));
    }

    @Test
    void theSameInputsReadWhatTheFirstDryRunDeclared() throws Exception {
        Path jar = Files.writeString(dir.resolve("sims.jar"), "not really a jar: its path, size and time count");
        Workspace w = new Workspace(dir, Workspace.current().java(), List.of(jar));
        Map<String, String> env = Map.of("HOME", "/home/a");

        Declaration first = declare(w, Map.of("rate", "30"), env, null);
        assertEquals(1, dryRuns.get());
        assertEquals(first, declare(w, Map.of("rate", "30"), env, null), "read back as it was declared");
        assertEquals(1, dryRuns.get(), "no second dry run for the same inputs");

        declare(w, Map.of("rate", "40"), env, null);
        assertEquals(2, dryRuns.get(), "another setting: another dry run");
        declare(w, Map.of("rate", "30"), Map.of("HOME", "/home/a", "RATE", "9"), null);
        assertEquals(3, dryRuns.get(), "the simulation may read the environment: another dry run");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        declare(w, Map.of("rate", "30"), env, null);
        assertEquals(4, dryRuns.get(), "a rebuilt jar: another dry run");
        declare(w, Map.of("rate", "30"), env, null);
        assertEquals(4, dryRuns.get(), "and that one is remembered too");
    }

    @Test
    void aFailedDryRunOrAFolderOfClassesIsNeverRemembered() throws Exception {
        Path jar = Files.writeString(dir.resolve("sims.jar"), "jar");
        Workspace w = new Workspace(dir, Workspace.current().java(), List.of(jar));
        declare(w, Map.of(), Map.of(), "sims.Spike could not be built: boom");
        declare(w, Map.of(), Map.of(), "sims.Spike could not be built: boom");
        assertEquals(2, dryRuns.get(), "a simulation that did not build is tried again");

        Path classes = Files.createDirectories(dir.resolve("classes/sims"));
        Files.writeString(classes.resolve("Spike.class"), "changes without the class path saying so");
        Workspace ide = new Workspace(dir, Workspace.current().java(), List.of(jar, dir.resolve("classes")));
        declare(ide, Map.of(), Map.of(), null);
        declare(ide, Map.of(), Map.of(), null);
        assertEquals(4, dryRuns.get(), "classes in a folder: every gate makes its dry run");
        assertTrue(DeclaredPlans.file(spec(Map.of()), ide, dir.resolve("plans"), Map.of()).isEmpty());
    }
}
