package dev.gauntlet.environment;

import dev.gauntlet.process.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code kind: external}: APIs already deployed. Nothing is started; each service is a URL whose health path is
 * polled until it answers 2xx. Contracts, load and objectives work as on local; the gate cannot stop, pause or measure
 * these services, and the environment is shared, so probes that write and faults need an opt-in ({@link Reach}).
 */
final class ExternalProvider implements EnvironmentProvider {
    /** The kind of an environment of APIs already deployed. */
    static final String KIND = "external";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "APIs already deployed, reached by URL";
    }

    @Override
    public boolean runsImages() {
        return false;
    }

    @Override
    public boolean reachedByUrl() {
        return true;
    }

    @Override
    public Set<String> serviceFields() {
        return Set.of("url", "health", "underTest", "dependsOn", "startTimeout");
    }

    @Override
    public Environment start(EnvironmentSpec spec, Path runDir, ChildProcesses processes, Consumer<String> report) {
        StartedServices services = new StartedServices();
        services.startAll(spec.services(), s -> reach(s, runDir, report), () -> { });
        return new External(services.all(), services.underTest());
    }

    /** Polls the service's health until it answers; writes a log that says what the gate knows of it. */
    private static RunningService reach(ServiceSpec s, Path runDir, Consumer<String> report) {
        Path log = dev.gauntlet.files.RunFiles.serviceLog(runDir, s.name());
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, Instant.now() + " " + s.name() + " is external at " + s.url()
                    + ": not started by the gate, its output is not visible here; health " + s.healthPath() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + log, e);
        }
        URI base = URI.create(s.url().toString().replaceAll("/+$", ""));
        long t0 = System.nanoTime();
        URI health = URI.create(base + s.healthPath());
        Health.await(s.name(), health + " should answer HTTP 2xx", Health.http(health), s.startTimeout(), () -> null,
                () -> "(an external service: look at its own logs)");
        report.accept(s.name() + " at " + base + " healthy after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return new RunningService(s.name(), base, log, -1);
    }

    /** Nothing of its own to sweep: the gate starts nothing for an external environment. */
    @Override
    public int sweepLeftovers(boolean used, Consumer<String> report) {
        return 0;
    }

    /** Services the gate reaches but does not own. */
    private record External(List<RunningService> services, RunningService underTest) implements Environment {
        @Override
        public ServiceControl control(String service) {
            throw new IllegalArgumentException("service " + find(service).name() + " is external: the gate cannot "
                    + "stop, pause or kill it (faults that act on a process need a service the gate starts)");
        }

        @Override
        public ResourceProbe resources(String service) {
            RunningService s = find(service);
            return new ResourceProbe() {
                @Override
                public String source() {
                    return "not measured: " + s.name() + " is external";
                }

                @Override
                public Reading read() {
                    throw new UnsupportedOperationException(s.name() + " is external: its memory and CPU are not "
                            + "visible to the gate");
                }
            };
        }

        private RunningService find(String service) {
            return services.stream().filter(s -> s.name().equals(service)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no service named " + service));
        }

        @Override
        public void close() {
            // nothing was started
        }
    }
}
