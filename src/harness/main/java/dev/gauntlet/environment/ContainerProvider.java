package dev.gauntlet.environment;

import dev.gauntlet.process.ChildProcesses;
import java.nio.file.Path;
import java.util.function.Consumer;

/** {@code kind: containers}: services are Docker containers with host networking (Testcontainers). */
final class ContainerProvider implements EnvironmentProvider {
    @Override
    public String kind() {
        return EnvironmentSpec.CONTAINERS;
    }

    @Override
    public String description() {
        return "Docker containers";
    }

    @Override
    public boolean runsImages() {
        return true;
    }

    @Override
    public Environment start(EnvironmentSpec spec, Path runDir, ChildProcesses processes, Consumer<String> report) {
        return ContainerEnvironment.start(spec, runDir, processes, report);
    }

    /** Containers of killed gates; touches Docker only when this gate runs containers or a killed gate did. */
    @Override
    public int sweepLeftovers(boolean used, Consumer<String> report) {
        return Containers.sweepLeftovers(used, report);
    }
}
