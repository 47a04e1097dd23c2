package dev.gauntlet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Marks tell the next gate that a killed gate held resources that are not processes (containers). */
class LeftoversMarksTest {
    @TempDir
    Path dir;

    @Test
    void onlyMarksOfDeadGatesAreTakenAndClearRemovesMine() throws Exception {
        Leftovers leftovers = new Leftovers(dir);
        leftovers.mark("containers");
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(dir.resolve(finished.pid() + ".containers"), "");

        assertEquals(List.of(finished.pid()), leftovers.takeMarksOfDeadGates("containers"), "this gate is alive");
        assertEquals(List.of(), leftovers.takeMarksOfDeadGates("containers"), "taken once");
        assertTrue(Files.exists(dir.resolve(ProcessHandle.current().pid() + ".containers")));

        leftovers.clear();
        assertFalse(Files.exists(dir.resolve(ProcessHandle.current().pid() + ".containers")), "a clean teardown leaves no mark");
    }

    @Test
    void adoptedResourcesCloseWithTheProcessesInReverseOrder() throws Exception {
        List<String> closed = new java.util.ArrayList<>();
        try (ChildProcesses processes = new ChildProcesses(new Leftovers(dir))) {
            processes.adopt("containers", () -> closed.add("first"));
            processes.adopt("containers", () -> closed.add("second"));
        }
        assertEquals(List.of("second", "first"), closed);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no mark and no pid file left");
        }
    }
}
