package dev.gauntlet.load;

import java.nio.file.Path;

/** Reads a recorded run's load folder (timeline, worker result, histograms) for tests of the views made from it. */
public final class RecordedLoad {
    private RecordedLoad() {
    }

    public static LoadResults read(Path loadDir, String simulation) {
        return LoadStage.read(loadDir, simulation);
    }
}
