package dev.gauntlet.environment;

import dev.gauntlet.process.ChildProcesses;
import java.nio.file.Path;
import java.util.List;

/**
 * A set of running services. Closing it stops every service in reverse start order; it is safe to close twice and
 * from a shutdown hook.
 */
public interface Environment extends AutoCloseable {

    /** Started services, in start order. */
    List<RunningService> services();

    /** The provider under test. */
    RunningService underTest();

    /**
     * Control of one started service, for faults.
     *
     * @throws IllegalArgumentException when no service has that name
     */
    ServiceControl control(String service);

    @Override
    void close();

    /**
     * Starts the services of {@code spec} as local child processes on free 127.0.0.1 ports.
     *
     * @param spec   what to start
     * @param runDir    folder for the services' logs
     * @param processes owner of the child processes: closing it stops them too (Ctrl-C, failures)
     * @throws EnvironmentException when a service cannot start; everything started so far is stopped again
     */
    static Environment startLocal(EnvironmentSpec spec, Path runDir, ChildProcesses processes) {
        return LocalEnvironment.start(spec, runDir, processes);
    }
}
