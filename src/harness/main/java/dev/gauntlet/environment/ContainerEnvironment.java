package dev.gauntlet.environment;

import dev.gauntlet.files.RunFiles;
import com.github.dockerjava.api.DockerClient;
import dev.gauntlet.network.TcpProxy;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.ServiceArchive;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Services as Docker containers (Testcontainers), each with host networking on a free 127.0.0.1 port picked by the
 * harness, as the service's {@code user} where it names one, logs in {@code RUN/services/}, labelled so that the next
 * gate removes them if this one is killed.
 */
final class ContainerEnvironment implements Environment {
    private final DockerClient docker;
    private final Path runDir;
    private final ChildProcesses processes;
    private final Consumer<String> report;
    private final Map<String, String> projectImages = new ConcurrentHashMap<>(); // base image -> built image (once)
    private final StartedServices services = new StartedServices();
    /** Filled by services that start side by side (StartedServices). */
    private final Map<String, ContainerService> controls = Collections.synchronizedMap(new LinkedHashMap<>());

    private ContainerEnvironment(DockerClient docker, Path runDir, ChildProcesses processes, Consumer<String> report) {
        this.docker = docker;
        this.runDir = runDir;
        this.processes = processes;
        this.report = report;
    }

    static ContainerEnvironment start(EnvironmentSpec spec, Path runDir, ChildProcesses processes, Consumer<String> report) {
        List<String> missing = Containers.missingSettings();
        if (!missing.isEmpty()) {
            report.accept("note: started without " + String.join(" ", missing) + " (docs/ci.md, Containers): "
                    + "Testcontainers needs them where no registry can be reached");
        }
        DockerClient docker = Containers.client(spec.services().get(0).name());
        ContainerEnvironment env = new ContainerEnvironment(docker, runDir, processes, report);
        processes.adopt(Containers.MARK, env::teardown);
        env.services.startAll(spec.services(), env::startOne, env::close);
        return env;
    }

    private RunningService startOne(ServiceSpec s) {
        int port = Placeholders.freePort();
        URI url = URI.create("http://127.0.0.1:" + port);
        Map<String, String> values = services.placeholders(s, new HashMap<>(Map.of("port", Integer.toString(port))));
        List<String> command = new ArrayList<>();
        String image;
        if (s.image() instanceof ServiceImage.ProjectJar jar) {
            image = projectImage(jar.baseImage(), s.name());
            command.addAll(List.of("java", "-cp", ProjectImage.JAR_IN_IMAGE));
        } else {
            image = ((ServiceImage.Named) s.image()).reference();
        }
        s.command().stream().filter(c -> !c.equals(ServiceArchive.PLACEHOLDER)) // local Java services only
                .forEach(c -> command.add(Placeholders.fill(c, values, s.name())));
        Map<String, String> env = new LinkedHashMap<>();
        s.env().forEach((k, v) -> env.put(k, Placeholders.fill(v, values, s.name())));
        Readiness readiness = s.readiness().filled(c -> Placeholders.fill(c, values, s.name()));
        ContainerLog log = new ContainerLog(RunFiles.serviceLog(runDir, s.name()));

        @SuppressWarnings("resource") // closed by teardown through its ContainerService, or below on failure
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withCommand(command.toArray(String[]::new))
                .withEnv(env)
                .withLabels(Containers.labels(s.name(), runDir.toString()))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName("gauntlet-" + ProcessHandle.current().pid() + "-" + s.name());
                    if (s.image().user() != null) {
                        cmd.withUser(s.image().user());
                    }
                })
                .withLogConsumer(log)
                .waitingFor(new ReadinessWait(s.name(), readiness, url, s.startTimeout()));
        long t0 = System.nanoTime();
        try {
            container.start();
        } catch (RuntimeException e) {
            String id = container.getContainerId();
            String tail = id == null ? "" : Containers.logTail(docker, id, 40);
            if (id != null) {
                Containers.remove(docker, id);
            }
            log.close();
            throw failure(s, image, e, tail);
        }
        String id = container.getContainerId();
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.note(String.format(Locale.ROOT, "container %s (%s) healthy on %s in %.1f s", Containers.shortId(id),
                image, url, seconds));
        report.accept(String.format(Locale.ROOT, "%s: container %s of %s healthy in %.1f s", s.name(),
                Containers.shortId(id), image, seconds));
        controls.put(s.name(), new ContainerService(s, docker, id, readiness, url, log));
        Long pid = container.getContainerInfo().getState().getPidLong();
        return new RunningService(s.name(), url, log.file(), pid == null ? -1 : pid);
    }

    private synchronized String projectImage(String baseImage, String service) {
        return projectImages.computeIfAbsent(baseImage, base -> ProjectImage.build(docker, base, service, report));
    }

    /** The evidence of a failed start: the wait's own verdict when it has one, else the engine's complaint. */
    private static EnvironmentException failure(ServiceSpec s, String image, RuntimeException e, String tail) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EnvironmentException env) {
                return env; // names the service and carries the log tail of the moment it failed
            }
        }
        String root = Containers.rootMessage(e);
        Matcher missing = Pattern.compile("No such image: ([^\"\\s]+)").matcher(root);
        String hint = "";
        if (root.contains("testcontainers/ryuk")) {
            hint = " (Testcontainers' Ryuk needs an image that cannot be pulled here: run the gate with"
                    + " TESTCONTAINERS_RYUK_DISABLED=true; the gate removes its own containers)";
        } else if (missing.find()) {
            hint = " (image " + missing.group(1) + " is not on this engine and the gate never pulls: docker pull or"
                    + " build it first)";
        }
        return new EnvironmentException(s.name(), "could not be started from image " + image + ": " + root + hint, tail);
    }

    @Override
    public List<RunningService> services() {
        return services.all();
    }

    @Override
    public RunningService underTest() {
        return services.underTest();
    }

    @Override
    public ServiceControl control(String service) {
        return started(service);
    }

    private ContainerService started(String service) {
        synchronized (controls) {
            ContainerService c = controls.get(service);
            if (c == null) {
                throw new IllegalArgumentException("no service named '" + service + "' (have: "
                        + String.join(", ", controls.keySet()) + ")");
            }
            return c;
        }
    }

    /** What the engine knows of the service's container (its process tree where the engine is local). */
    @Override
    public ResourceProbe resources(String service) {
        return new ContainerStatsProbe(docker, started(service).id());
    }

    /** Stops every service, and whatever else the run started, in reverse start order (idempotent). */
    @Override
    public TcpProxy proxy(String service) {
        return services.proxy(service);
    }

    @Override
    public void close() {
        processes.close();
        services.closeProxies();
    }

    /** Removes the containers in reverse start order, then any other container labelled with this gate. */
    private synchronized void teardown() {
        List<ContainerService> started;
        synchronized (controls) {
            started = new ArrayList<>(controls.values());
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).remove();
            } catch (RuntimeException e) {
                System.err.println("[gate] could not remove " + started.get(i) + ": " + e.getMessage());
            }
        }
        controls.clear();
        try {
            Containers.removeMine(docker, runDir.toString());
        } catch (RuntimeException e) {
            System.err.println("[gate] could not look for containers of this gate: " + e.getMessage());
        }
    }
}
