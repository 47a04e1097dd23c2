package dev.gauntlet.history;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The environment file's {@code history:} (the folder that keeps one file per run) and {@code regression:} (how
 * runs are judged against the earlier ones).
 *
 * @param folder     the history folder, resolved against the project root
 * @param regression how the regression objectives judge
 */
public record HistorySpec(Path folder, RegressionSpec regression) {
    public HistorySpec {
        Objects.requireNonNull(folder, "folder");
        regression = regression == null ? RegressionSpec.DEFAULT : regression;
    }
}
