package dev.gauntlet.load;

import java.util.List;

/**
 * What the load worker keeps of the answers for the checks after the load: writes for the durability check, a
 * sample of answers for the conformance check.
 *
 * @param writes     log every write (POST, PUT, PATCH, DELETE) with its answer
 * @param perSecond  keep every answer up to this many per operation and second (0 = none) ...
 * @param share      ... and this share (0..1) of the answers beyond it
 * @param maxWrites  most writes logged (the rest are counted as cut)
 * @param maxSamples most answers sampled (the rest are counted as cut)
 */
public record TapSpec(boolean writes, int perSecond, double share, long maxWrites, long maxSamples) {
    /** Nothing kept. */
    public static final TapSpec OFF = new TapSpec(false, 0, 0, 0, 0);

    public TapSpec {
        if (perSecond < 0 || share < 0 || share > 1 || maxWrites < 0 || maxSamples < 0) {
            throw new IllegalArgumentException("tap: perSecond, maxWrites and maxSamples must be >= 0 and share "
                    + "between 0 and 1");
        }
    }

    /** The worker's system properties ({@code -Dgauntlet.tap.*}). */
    List<String> properties() {
        return List.of("-Dgauntlet.tap.writes=" + writes, "-Dgauntlet.tap.perSecond=" + perSecond,
                "-Dgauntlet.tap.share=" + share, "-Dgauntlet.tap.maxWrites=" + maxWrites,
                "-Dgauntlet.tap.maxSamples=" + maxSamples);
    }
}
