package dev.gauntlet.history;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The calibration measures something real and plausible on loopback (no Nagle/delayed-ACK 40 ms stall). */
class CalibratorTest {
    @Test
    void measuresALoopbackRoundTripAndACpuTask() throws Exception {
        Calibration c = Calibrator.measure();
        assertTrue(c.loopbackMicros() > 1 && c.loopbackMicros() < 20_000, "loopback " + c.loopbackMicros() + " µs");
        assertTrue(c.cpuMillis() > 0.1 && c.cpuMillis() < 5_000, "cpu " + c.cpuMillis() + " ms");
    }
}
