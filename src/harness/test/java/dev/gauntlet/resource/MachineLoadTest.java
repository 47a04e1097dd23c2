package dev.gauntlet.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's load average and CPU steal, read from /proc files as Linux writes them. */
class MachineLoadTest {
    @Test
    void theMachineIsReadFromProc(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("loadavg"), "3.50 2.00 1.00 4/300 1234\n");
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 700 0 0 0 100 0 0\ncpu0 1 2 3\n");
        MachineLoad.Sampler s = new MachineLoad.Sampler(proc);
        s.sample();
        Files.writeString(proc.resolve("loadavg"), "2.50 2.00 1.00 4/300 1234\n");
        Files.writeString(proc.resolve("stat"), "cpu  200 0 200 1400 0 0 0 200 0 0\ncpu0 1 2 3\n");
        s.sample();
        MachineLoad m = s.result();
        assertEquals(2, m.samples());
        assertEquals(3.0, m.meanLoad());
        assertEquals(3.5, m.maxLoad());
        assertEquals(10.0, m.stealPercent(), "100 of 1000 jiffies stolen between the readings");
        MachineLoad none = new MachineLoad.Sampler(proc.resolve("absent")).result();
        assertEquals(0, none.samples());
    }

}
