package dev.gauntlet.kube;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A pod's container run from a real image on the local Docker engine, host networking (so the pod reaches the API
 * server stand-in and the API under test on 127.0.0.1), its volumes bind-mounted from the stand-in's folders. The
 * {@code docker run} client stays attached: its output is the container's log, and a SIGTERM to it reaches the
 * container (the client proxies signals); a SIGKILL does not, so {@link #kill} and {@link #remove} go through the
 * engine.
 */
final class DockerPod {
    private DockerPod() {
    }

    /** The container's name for pod {@code pod}. */
    static String container(String pod) {
        return "gauntlet-kube-" + pod;
    }

    static List<String> command(String pod, String image, Map<String, String> env, Map<String, Path> mounts,
                                List<String> containerCommand) {
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--name", container(pod),
                "--network", "host", "--label", "dev.gauntlet.test=kubelet-stand-in"));
        env.forEach((k, v) -> command.addAll(List.of("-e", k + "=" + v)));
        mounts.forEach((inContainer, local) -> command.addAll(List.of("-v", local.toAbsolutePath() + ":" + inContainer)));
        command.addAll(List.of("--entrypoint", containerCommand.get(0), image)); // a pod's command replaces it
        command.addAll(containerCommand.subList(1, containerCommand.size()));
        return command;
    }

    /** SIGKILL to pod {@code pod}'s container (exit 137). */
    static void kill(String pod) {
        docker("kill", container(pod));
    }

    /** Removes every container this stand-in started, running or not. */
    static void remove(Iterable<String> pods) {
        for (String pod : pods) {
            docker("rm", "-f", container(pod));
        }
    }

    private static void docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
