package dev.gauntlet.gate;

import dev.gauntlet.process.Workspace;
import dev.gauntlet.config.GateSpec;
import java.io.PrintStream;
import java.nio.file.Path;

/** For tests of the plugin: the gate with a failure injected as {@code stage} begins (the gate's own stage hook). */
public final class FailingStage {
    private FailingStage() {
    }

    public static Gate.Outcome run(GateSpec spec, Path runDir, PrintStream console, Workspace workspace, String stage,
                                   RuntimeException failure) {
        return Gate.run(spec, runDir, console, workspace, s -> {
            if (s.equals(stage)) {
                throw failure;
            }
        });
    }
}
