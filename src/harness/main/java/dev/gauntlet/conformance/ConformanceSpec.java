package dev.gauntlet.conformance;

import dev.gauntlet.slo.Objective;

/**
 * The environment file's {@code conformance:}: a sample of the load's answers is matched against the contracts.
 *
 * @param enabled    whether the check runs (default: whenever the load runs and contracts are available)
 * @param perSecond  every answer is checked up to this many per operation and second ...
 * @param share      ... and this share (0..1) of the answers beyond it
 * @param maxSamples most answers checked over the whole run
 * @param maxBroken  largest share (0..1) of checked answers per phase that may break the contract (default 0)
 */
public record ConformanceSpec(boolean enabled, int perSecond, double share, long maxSamples, double maxBroken) {
    /** On: every answer up to 50 per operation and second, 10 % beyond, at most 50,000; none may break. */
    public static final ConformanceSpec DEFAULT = new ConformanceSpec(true, 50, 0.10, 50_000, 0);

    /** The objective it scores: at most {@code maxBroken} of the sampled answers break a contract, per phase. */
    public Objective.Conformance objective() {
        return new Objective.Conformance("contracts hold", maxBroken);
    }

    public ConformanceSpec {
        if (perSecond < 0 || share < 0 || share > 1 || maxSamples < 1 || maxBroken < 0 || maxBroken >= 1) {
            throw new IllegalArgumentException("expected perSecond >= 0, share and maxBroken between 0 % and 100 %, "
                    + "maxSamples >= 1");
        }
    }
}
