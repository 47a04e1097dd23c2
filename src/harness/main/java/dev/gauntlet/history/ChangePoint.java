package dev.gauntlet.history;

/**
 * A level shift that stays, found in a series of runs by {@link ChangePoints}.
 *
 * @param series the series' name ({@link HistorySeries#name()})
 * @param unit   its unit
 * @param index  position in the series of the first run at the new level
 * @param runId  that run's id
 * @param before median of the runs before it (back to the previous change point)
 * @param after  median of the runs from it (up to the next change point)
 * @param pValue the permutation test's p-value for this split, as it is (not adjusted): the split was kept because
 *               Benjamini–Hochberg kept it among all the tests of its run ({@link ChangePoints})
 */
public record ChangePoint(String series, String unit, int index, String runId, double before, double after,
                          double pValue) {

    /** The relative change, e.g. 0.3 for 30 % higher. */
    public double change() {
        return before == 0 ? 0 : (after - before) / Math.abs(before);
    }
}
