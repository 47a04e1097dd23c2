package dev.gauntlet.environment;

import dev.gauntlet.files.RunFiles;
import dev.gauntlet.network.TcpProxy;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import dev.gauntlet.process.ServiceArchive;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Services as child processes of the gate, each on a free 127.0.0.1 port, logs in {@code RUN/services/}. */
final class LocalEnvironment implements Environment {
    private final ChildProcesses processes;
    private final StartedServices services = new StartedServices();
    /** Filled by services that start side by side (StartedServices). */
    private final Map<String, LocalService> controls = Collections.synchronizedMap(new LinkedHashMap<>());

    private LocalEnvironment(ChildProcesses processes) {
        this.processes = processes;
    }

    static LocalEnvironment start(EnvironmentSpec spec, Path runDir, ChildProcesses processes) {
        return start(spec, runDir, processes, line -> { });
    }

    static LocalEnvironment start(EnvironmentSpec spec, Path runDir, ChildProcesses processes, Consumer<String> report) {
        LocalEnvironment env = new LocalEnvironment(processes);
        env.services.startAll(spec.services(), s -> {
            long t0 = System.nanoTime();
            RunningService running = env.startOne(s, runDir);
            report.accept(String.format(Locale.ROOT, "%s: process %d healthy in %.1f s", s.name(), running.pid(),
                    (System.nanoTime() - t0) / 1e9));
            return running;
        }, env::close);
        return env;
    }

    private RunningService startOne(ServiceSpec s, Path runDir) {
        int port = Placeholders.freePort();
        URI url = URI.create("http://127.0.0.1:" + port);
        Map<String, String> values = placeholders(s, port);
        if (s.balancer() != null) {
            values.put("balancer.config", BalancerConfig.write(s, port, values, runDir).toString());
        }
        List<String> command = command(s, values);
        Map<String, String> env = new LinkedHashMap<>();
        s.env().forEach((k, v) -> env.put(k, Placeholders.fill(v, values, s.name())));
        Path log = RunFiles.serviceLog(runDir, s.name());
        Process p;
        try {
            p = processes.start(command, env, log);
        } catch (IOException e) {
            throw new EnvironmentException(s.name(), "could not be started: " + e.getMessage()
                    + " (command: " + String.join(" ", command) + ")", "");
        }
        Readiness readiness = s.readiness().filled(c -> Placeholders.fill(c, values, s.name()));
        awaitHealthy(s, p, readiness, url, log);
        controls.put(s.name(), new LocalService(s, command, env, log, url, p, readiness));
        return new RunningService(s.name(), url, log, p.pid());
    }

    /**
     * {@code s}'s command with its placeholders filled; an element {@value ServiceArchive#PLACEHOLDER} becomes the
     * options of the service's class-data archive ({@link ServiceArchive}), decided on the rest of the command.
     */
    private static List<String> command(ServiceSpec s, Map<String, String> values) {
        List<String> filled = new ArrayList<>();
        int archiveAt = -1;
        for (String c : s.command()) {
            if (c.equals(ServiceArchive.PLACEHOLDER)) {
                archiveAt = filled.size();
            } else {
                filled.add(Placeholders.fill(c, values, s.name()));
            }
        }
        if (archiveAt >= 0) {
            filled.addAll(archiveAt, ServiceArchive.options(s.name(), filled));
        }
        return List.copyOf(filled);
    }

    /** A started service and what it takes to start it again the same way. */
    private final class LocalService implements ServiceControl {
        private final ServiceSpec spec;
        private final List<String> command;
        private final Map<String, String> env;
        private final Path log;
        private final URI url;
        private final Readiness readiness;
        private volatile Process process;

        LocalService(ServiceSpec spec, List<String> command, Map<String, String> env, Path log, URI url, Process process,
                     Readiness readiness) {
            this.spec = spec;
            this.readiness = readiness;
            this.command = command;
            this.env = env;
            this.log = log;
            this.url = url;
            this.process = process;
        }

        @Override
        public synchronized void stop() {
            processes.stop(process);
        }

        @Override
        public synchronized void start() {
            if (process.isAlive()) {
                return;
            }
            try {
                process = processes.start(command, env, log);
            } catch (IOException e) {
                throw new EnvironmentException(spec.name(), "could not be started again: " + e.getMessage(), "");
            }
            awaitHealthy(spec, process, readiness, url, log);
        }

        /** SIGSTOP to the process and its descendants: a service started through a wrapper freezes as a whole. */
        @Override
        public void pause() {
            signal("STOP");
        }

        @Override
        public void resume() {
            signal("CONT");
        }

        /** SIGKILL to the process and its descendants; returns once the process has exited. */
        @Override
        public synchronized void kill() {
            List<ProcessHandle> tree = process.descendants().toList();
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String instance() {
            Process p = process;
            return p.isAlive() ? "pid " + p.pid() : null;
        }

        /** The pid of the process that runs now (it changes on a restart), or -1 while none runs. */
        long pid() {
            Process p = process;
            return p.isAlive() ? p.pid() : -1;
        }

        private void signal(String name) {
            List<ProcessHandle> tree = process.descendants().toList();
            if (!Leftovers.signal(process.pid(), name)) {
                throw new IllegalStateException("could not send SIG" + name + " to " + spec.name() + " (pid " + process.pid() + ")");
            }
            tree.forEach(child -> Leftovers.signal(child.pid(), name));
        }
    }

    private Map<String, String> placeholders(ServiceSpec s, int port) {
        Map<String, String> values = new HashMap<>();
        values.put("port", Integer.toString(port));
        values.put("java", processes.workspace().java());
        values.put("classpath", processes.workspace().classpathArgument());
        values.put("project", processes.workspace().dir().toAbsolutePath().toString());
        return services.placeholders(s, values);
    }

    private void awaitHealthy(ServiceSpec s, Process p, Readiness readiness, URI url, Path log) {
        Health.await(s.name(), readiness.target(url), Health.of(readiness, url,
                        command -> Health.localCommand(command, processes.workspace().dir())), s.startTimeout(),
                () -> p.isAlive() ? null : "exited with code " + p.exitValue(), () -> ChildProcesses.tail(log, 40));
    }

    @Override
    public List<RunningService> services() {
        return services.all();
    }

    @Override
    public ServiceControl control(String service) {
        return started(service);
    }

    private LocalService started(String service) {
        LocalService c;
        synchronized (controls) {
            c = controls.get(service);
            if (c == null) {
                throw new IllegalArgumentException("no service named '" + service + "' (have: "
                        + String.join(", ", controls.keySet()) + ")");
            }
        }
        return c;
    }

    /** The process tree of the service's current process, from {@code /proc}. */
    @Override
    public ResourceProbe resources(String service) {
        return new ProcessTreeProbe(started(service)::pid);
    }

    @Override
    public RunningService underTest() {
        return services.underTest();
    }

    @Override
    public TcpProxy proxy(String service) {
        return services.proxy(service);
    }

    @Override
    public void close() {
        processes.close();
        services.closeProxies();
    }
}
