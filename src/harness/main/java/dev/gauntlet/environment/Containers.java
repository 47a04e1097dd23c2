package dev.gauntlet.environment;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.gauntlet.process.Leftovers;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.LogUtils;

/**
 * The Docker engine as the gate uses it: the client, the labels on every container a gate starts, and the sweep that
 * removes containers of gates that were killed ({@code kill -9} leaves them running: there is no Ryuk here).
 */
final class Containers {
    /** The {@link Leftovers} mark of a gate that runs containers. */
    static final String MARK = "containers";
    /** Label: pid of the gate that started the container. */
    static final String RUN = "dev.gauntlet.run";
    /** Label: start instant (epoch millis) of that gate process, so a reused pid is not mistaken for it. */
    static final String RUN_STARTED = "dev.gauntlet.run.started";
    /** Label: host the gate ran on (an engine may be shared). */
    static final String HOST = "dev.gauntlet.host";
    /** Label: the run folder. */
    static final String RUN_DIR = "dev.gauntlet.run.dir";
    /** Label: the service's name. */
    static final String SERVICE = "dev.gauntlet.service";

    /** Environment settings Testcontainers reads only from the environment, and the values these machines need. */
    static final Map<String, String> REQUIRED_SETTINGS = Map.of(
            "TESTCONTAINERS_RYUK_DISABLED", "true",
            "TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1",
            "TESTCONTAINERS_CHECKS_DISABLE", "true");

    private static final String HOST_NAME = hostName();

    private Containers() {
    }

    /** Required settings this process was started without, as {@code NAME=value}. */
    static List<String> missingSettings() {
        return REQUIRED_SETTINGS.entrySet().stream().filter(e -> System.getenv(e.getKey()) == null)
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    }

    /**
     * The engine's client.
     *
     * @throws EnvironmentException naming {@code service} when no engine answers
     */
    static DockerClient client(String service) {
        try {
            return DockerClientFactory.instance().client();
        } catch (RuntimeException e) {
            List<String> missing = missingSettings();
            throw new EnvironmentException(service, "could not be started: no Docker engine answers ("
                    + e.getMessage() + "); start one with .ci/docker-setup.sh"
                    + (missing.isEmpty() ? "" : ", and run the gate with " + String.join(" ", missing)), "");
        }
    }

    /** Labels for a container of {@code service} started by this gate. */
    static Map<String, String> labels(String service, String runDir) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN, Long.toString(ProcessHandle.current().pid()));
        labels.put(RUN_STARTED, Long.toString(startMillis(ProcessHandle.current())));
        labels.put(HOST, HOST_NAME);
        labels.put(RUN_DIR, runDir);
        labels.put(SERVICE, service);
        return labels;
    }

    /** Null while the container runs (paused counts as running), else what happened to it. */
    static String ended(DockerClient docker, String id) {
        try {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
            if (Boolean.TRUE.equals(state.getRunning())) {
                return null;
            }
            return "container stopped with exit code " + state.getExitCodeLong()
                    + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (out of memory)" : "");
        } catch (NotFoundException e) {
            return "container " + shortId(id) + " was removed";
        }
    }

    /**
     * A readiness command run inside the container ({@code docker exec}): ready when it exits 0 within 10 s; what it
     * printed last says why not.
     */
    static Health.Attempt exec(DockerClient docker, String id, List<String> command) {
        return () -> {
            StringBuilder out = new StringBuilder();
            try {
                String exec = docker.execCreateCmd(id).withCmd(command.toArray(String[]::new)).withAttachStdout(true)
                        .withAttachStderr(true).exec().getId();
                boolean done = docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        if (out.length() < 4096) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }
                }).awaitCompletion(10, TimeUnit.SECONDS);
                if (!done) {
                    return "still running after 10 s";
                }
                Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
                return code != null && code == 0 ? null : "exit " + code
                        + (out.toString().isBlank() ? "" : ": " + Health.lastLine(out.toString()));
            } catch (RuntimeException e) {
                return "docker exec failed: " + rootMessage(e);
            }
        };
    }

    /** The last {@code lines} lines of a container's output, or an empty string. */
    static String logTail(DockerClient docker, String id, int lines) {
        try {
            String[] all = LogUtils.getOutput(docker, id).split("\r?\n");
            return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (RuntimeException e) {
            return "(could not read the container's log: " + e.getMessage() + ")";
        }
    }

    /** Removes a container whatever its state (a paused one is thawed first). Quiet when it is already gone. */
    static void remove(DockerClient docker, String id) {
        try {
            if (Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getPaused())) {
                docker.unpauseContainerCmd(id).exec();
            }
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    /**
     * Removes the containers of gates on this host that are no longer running.
     *
     * @return how many containers were removed
     */
    static int sweep(DockerClient docker, Consumer<String> report) {
        int removed = 0;
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RUN)).exec()) {
            Map<String, String> labels = c.getLabels();
            if (!HOST_NAME.equals(labels.get(HOST)) || gateIsRunning(labels)) {
                continue;
            }
            report.accept("removing container " + name(c) + " (service " + labels.get(SERVICE) + ", " + c.getState()
                    + ") left behind by gate " + labels.get(RUN));
            remove(docker, c.getId());
            removed++;
        }
        return removed;
    }

    /**
     * Removes every container labelled with this gate's run, e.g. one still starting when the gate was interrupted; a
     * run of another gate in the same JVM (the Maven plugin in a parallel build) keeps its own.
     */
    static void removeMine(DockerClient docker, String runDir) {
        Map<String, String> mine = Map.of(RUN, Long.toString(ProcessHandle.current().pid()),
                RUN_STARTED, Long.toString(startMillis(ProcessHandle.current())), RUN_DIR, runDir);
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(mine).exec()) {
            remove(docker, c.getId());
        }
    }

    /**
     * The sweep at the start of a gate: runs when this gate runs containers ({@code containers}), or when a gate that ran containers was
     * killed (its {@link Leftovers} mark is still there); otherwise it does not touch Docker at all.
     */
    static int sweepLeftovers(boolean containers, Consumer<String> report) {
        List<Long> deadGates = Leftovers.shared().takeMarksOfDeadGates(MARK);
        if (!containers && deadGates.isEmpty()) {
            return 0;
        }
        try {
            return sweep(DockerClientFactory.instance().client(), report);
        } catch (RuntimeException e) {
            if (!containers) {
                report.accept("could not look for containers left behind by gate(s) " + deadGates + ": " + e.getMessage());
            }
            return 0; // a containers gate reports the missing engine when it starts its services
        }
    }

    private static boolean gateIsRunning(Map<String, String> labels) {
        try {
            long pid = Long.parseLong(labels.get(RUN));
            long started = Long.parseLong(labels.getOrDefault(RUN_STARTED, "-1"));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> startMillis(p) == started).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The message of the innermost cause: what the engine or the service actually said. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private static String name(Container c) {
        List<String> names = new ArrayList<>(List.of(c.getNames() == null ? new String[0] : c.getNames()));
        return names.isEmpty() ? shortId(c.getId()) : names.get(0).replaceFirst("^/", "");
    }
}
