package dev.gauntlet.environment;

import dev.gauntlet.network.TcpProxy;
import dev.gauntlet.process.ChildProcesses;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

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

    /**
     * The probe of one started service's memory and CPU, read where this environment's kind keeps the figures.
     *
     * @throws IllegalArgumentException when no service has that name
     */
    ResourceProbe resources(String service);

    /**
     * The gate's TCP proxy in front of {@code service}, where network faults act: there is one for every service that
     * some other service reaches {@code through: proxy}.
     *
     * @throws IllegalArgumentException when no service reaches {@code service} through the proxy
     */
    default TcpProxy proxy(String service) {
        throw new IllegalArgumentException("no service reaches '" + service + "' through the gate's proxy");
    }

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

    /**
     * Starts the services of {@code spec} the way its {@link EnvironmentSpec#kind() kind}'s
     * {@link EnvironmentProvider provider} does (local child processes, Docker containers …), each on a free
     * 127.0.0.1 port.
     *
     * @param spec      what to start
     * @param runDir    folder for the services' logs
     * @param processes owner of the run's processes and containers: closing it stops them too (Ctrl-C, failures)
     * @param report    told about progress worth a console line (image builds, container start times)
     * @throws EnvironmentException when a service cannot start; everything started so far is stopped again
     */
    static Environment start(EnvironmentSpec spec, Path runDir, ChildProcesses processes, Consumer<String> report) {
        return EnvironmentProviders.of(spec.kind()).start(spec, runDir, processes, report);
    }

    /**
     * Removes what killed gates left behind, for every {@link EnvironmentProviders registered kind} (containers: only
     * when {@code spec} runs containers or a killed gate did); processes of killed gates are
     * {@link dev.gauntlet.process.Leftovers#sweep swept} separately.
     *
     * @return how many leftovers were removed
     */
    static int sweepLeftovers(EnvironmentSpec spec, Consumer<String> report) {
        return EnvironmentProviders.sweepLeftovers(spec, report);
    }
}
