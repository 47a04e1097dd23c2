package dev.gauntlet.environment;

import dev.gauntlet.process.ChildProcesses;
import java.nio.file.Path;
import java.util.function.Consumer;

/** {@code kind: local}: services are child processes of the gate (the default). */
final class LocalProvider implements EnvironmentProvider {
    @Override
    public String kind() {
        return EnvironmentSpec.LOCAL;
    }

    @Override
    public String description() {
        return "child processes";
    }

    @Override
    public boolean runsImages() {
        return false;
    }

    /** {@code replicas: N}: a service's replicas behind HAProxy, each a child process. */
    @Override
    public boolean runsReplicas() {
        return true;
    }

    @Override
    public Environment start(EnvironmentSpec spec, Path runDir, ChildProcesses processes, Consumer<String> report) {
        return LocalEnvironment.start(spec, runDir, processes, report);
    }

    /** Nothing of its own: child processes of killed gates are swept by {@link dev.gauntlet.process.Leftovers}. */
    @Override
    public int sweepLeftovers(boolean used, Consumer<String> report) {
        return 0;
    }
}
