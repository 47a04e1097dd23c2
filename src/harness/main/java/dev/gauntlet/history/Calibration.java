package dev.gauntlet.history;

/**
 * How fast this machine was when a run started, measured before any service starts: the median round trip of a tiny
 * request on loopback and the median time of a fixed CPU task. The gate measures again after the load and keeps the
 * slower figure of each, so a machine that got busy during the run shows. Kept with each run, so that a regression measured on a
 * machine much slower than the runs it is compared with is not blamed on the code.
 *
 * @param loopbackMicros median loopback HTTP round trip, microseconds
 * @param cpuMillis      median time of the fixed CPU task, milliseconds
 */
public record Calibration(double loopbackMicros, double cpuMillis) {
    public Calibration {
        if (!(loopbackMicros > 0) || !(cpuMillis > 0)) {
            throw new IllegalArgumentException("calibration figures must be positive, got " + loopbackMicros + " µs, "
                    + cpuMillis + " ms");
        }
    }
}
