package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import dev.gauntlet.process.ChildProcesses;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code load.injectors: {count: N, on: kubernetes}}: N injector pods of one Indexed Job, each running
 * {@link PodInjector} with {@code 1/N} of the plan; their records come back on their pod logs and are merged as local
 * injectors' are ({@link InjectorRecords}). The same start barrier (a pod says it is ready on its log; the coordinator
 * then creates the go ConfigMap with the start) and the same watch: a pod that fails or whose log stops growing stops
 * the others and is reported. Teardown ({@link KubernetesRun#close}, also on Ctrl-C) deletes the Job, its pods and
 * ConfigMaps.
 */
final class KubernetesInjectors {
    private static final long GO_AHEAD_MILLIS = 3_000;
    private static final long POLL_MILLIS = 1_000;
    /** A running pod whose log has no new line for this long is stalled (a live recorder logs every second). */
    private static final long STALL_MILLIS = 30_000;
    private static final long PROBE_MILLIS = 5_000;
    /** Container states that will not get better on their own: the load stage aborts at once. */
    private static final Set<String> HOPELESS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError", "CrashLoopBackOff");

    private final LoadSpec spec;
    private final Path out;
    private final KubernetesRun kube;
    private final Consumer<String> console;
    private final int count;
    private final List<Injector> injectors = new ArrayList<>();
    private final InjectorRecords records;
    private boolean collected;

    /** One injector pod, as the coordinator sees it. */
    private static final class Injector {
        final int index;
        final Path dir;
        String pod;
        boolean ready;
        boolean announced;
        InjectorRun.State state;
        long stoppedAt;
        String detail = "";
        String lastLine;
        long lastChange;
        long probed;
        /** Ended by Kubernetes, not of itself: deleted, or SIGTERM when the Job failed (backoffLimit 0). */
        boolean byKubernetes;

        Injector(int index, Path dir) {
            this.index = index;
            this.dir = dir;
        }

        String name(int count) {
            return "injector " + index + " of " + count;
        }
    }

    private KubernetesInjectors(LoadSpec spec, Path out, KubernetesRun kube, Consumer<String> console) {
        this.spec = spec;
        this.out = out;
        this.kube = kube;
        this.console = console;
        this.count = spec.injectors().count();
        this.records = new InjectorRecords(spec, out);
        for (int k = 1; k <= count; k++) {
            injectors.add(new Injector(k, RunFiles.injector(out, k)));
        }
    }

    static LoadResults run(LoadSpec spec, URI target, List<String> targets, Path runDir, ChildProcesses processes,
                           Consumer<String> console, TapSpec tap) {
        Path out = RunFiles.load(runDir).toAbsolutePath();
        try (KubernetesRun kube = KubernetesRun.start(spec, target, targets, out, processes, tap, console)) {
            return new KubernetesInjectors(spec, out, kube, console).run();
        }
    }

    private LoadResults run() {
        try {
            Files.createDirectories(out);
            Files.deleteIfExists(out.resolve(RunFiles.TIMELINE));
            for (Injector i : injectors) {
                Files.createDirectories(i.dir);
                for (String stale : RunFiles.WORKER_OUTPUT) {
                    Files.deleteIfExists(i.dir.resolve(stale));
                }
            }
        } catch (IOException e) {
            throw new LoadException("cannot prepare " + out + ": " + e.getMessage(), "");
        }
        long startAt = barrier();
        console.accept(String.format("[gate]   %d injector pods ready; the load starts at %s", count,
                Instant.ofEpochMilli(startAt)));
        watch(startAt);
        if (!collected) {
            collect();
            kube.close(); // the records are here: the pods can go
        }
        return records.results(injectors.stream().map(i -> new InjectorRecords.Ended(i.index, i.dir, i.state,
                i.stoppedAt, i.detail)).toList(), () -> tail(injectors.get(0)));
    }

    /** Waits until every pod says it is ready, then creates the go ConfigMap; returns the start. */
    private long barrier() {
        long deadline = System.currentTimeMillis() + KubernetesManifests.READY_ALLOWANCE.toMillis();
        while (true) {
            Map<Integer, Pod> pods = kube.pods();
            for (Injector i : injectors) {
                Pod pod = pods.get(i.index);
                if (pod == null || i.ready) {
                    continue;
                }
                i.pod = pod.getMetadata().getName();
                ContainerStatus c = container(pod);
                String ended = ended(pod, c);
                if (ended != null) {
                    throw new LoadException(i.name(count) + " (pod " + i.pod + ") ended before the start (" + ended
                            + "); no injector offered any load", kube.log(i.pod, 30));
                }
                ContainerStateWaiting waiting = c == null || c.getState() == null ? null : c.getState().getWaiting();
                if (waiting != null && HOPELESS.contains(waiting.getReason())) {
                    throw new LoadException(i.name(count) + " (pod " + i.pod + ") cannot start: " + waiting.getReason()
                            + (waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")")
                            + "; is load.injectors.image built and reachable from the cluster?", "");
                }
                i.ready = kube.log(i.pod, 0).contains(PodInjector.FRAME + "ready");
            }
            if (injectors.stream().allMatch(i -> i.ready)) {
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                List<String> late = injectors.stream().filter(i -> !i.ready).map(i -> i.index + (i.pod == null
                        ? " (no pod)" : " (pod " + i.pod + ", " + phase(pods.get(i.index)) + ")")).toList();
                throw new LoadException("not every injector pod was ready within "
                        + KubernetesManifests.READY_ALLOWANCE.toMinutes() + " min: injector " + String.join(", ", late)
                        + "; see kubectl describe job " + kube.manifests().run() + " -n " + kube.namespace(), "");
            }
            sleep();
        }
        long startAt = System.currentTimeMillis() + GO_AHEAD_MILLIS;
        kube.go(startAt);
        return startAt;
    }

    /** Watches the pods until all ended, one failed or stalled (the others are then stopped), or load.timeout. */
    private void watch(long startAt) {
        long hardEnd = startAt + spec.timeout().toMillis();
        while (true) {
            long now = System.currentTimeMillis();
            Map<Integer, Pod> pods = kube.pods();
            for (Injector i : injectors) {
                if (i.state == null) {
                    observe(i, pods.get(i.index), startAt, now);
                }
            }
            records.announce(injectors.stream().map(i -> i.dir).toList(), now);
            List<Injector> dead = injectors.stream().filter(i -> i.state == InjectorRun.State.DIED
                    || i.state == InjectorRun.State.STALLED).toList();
            Injector failed = dead.stream().filter(i -> !i.byKubernetes).findFirst()
                    .orElse(dead.isEmpty() ? null : dead.get(0));
            if (failed != null) {
                for (Injector i : dead) { // when one pod fails, the Job (backoffLimit 0) terminates the others
                    if (i != failed && i.byKubernetes) {
                        i.state = InjectorRun.State.STOPPED;
                        i.detail = "stopped by Kubernetes: the Job failed with injector " + failed.index + " ("
                                + i.detail + ")";
                    }
                }
                console.accept("[gate]   " + failed.name(count) + " " + (failed.state == InjectorRun.State.STALLED
                        ? "stalled" : "ended early") + " (" + failed.detail + "): stopping the other injector pods");
                stopRunning(InjectorRun.State.STOPPED, "stopped by the gate: injector " + failed.index + " failed");
                return;
            }
            if (injectors.stream().allMatch(i -> i.state != null)) {
                return;
            }
            if (now > hardEnd) {
                console.accept("[gate]   the injector pods did not finish within load.timeout: stopping them");
                stopRunning(InjectorRun.State.STALLED, "did not finish within load.timeout");
                return;
            }
            sleep();
        }
    }

    private void observe(Injector i, Pod pod, long startAt, long now) {
        if (pod == null) {
            i.state = InjectorRun.State.DIED;
            i.stoppedAt = now;
            i.detail = "its pod " + i.pod + " was deleted";
            i.byKubernetes = true;
            return;
        }
        String ended = ended(pod, container(pod));
        boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
        if (ended != null || (terminating && i.state == null)) {
            boolean ok = "exit 0".equals(ended);
            i.state = ok ? InjectorRun.State.FINISHED : InjectorRun.State.DIED;
            i.stoppedAt = now;
            i.detail = ok ? "" : ended != null ? ended : "its pod " + i.pod + " is being deleted";
            i.byKubernetes = !ok && (terminating || ended.contains("signal 15"));
        }
        if (!i.announced) { // its timeline, for the fault schedule's clock (the log is short this early)
            String log = kube.log(i.pod, 0);
            if (log.contains(PodInjector.FRAME + RunFiles.TIMELINE)) {
                unpack(i, log);
                i.announced = true;
            }
        }
        if (i.state == null && now - i.probed >= PROBE_MILLIS) {
            i.probed = now;
            String last = kube.lastLine(i.pod);
            if (!last.equals(i.lastLine)) {
                i.lastLine = last;
                i.lastChange = now;
            }
            if (now - Math.max(startAt, i.lastChange) > STALL_MILLIS) {
                i.state = InjectorRun.State.STALLED;
                i.stoppedAt = Math.max(startAt, i.lastChange);
                i.detail = "no log line for " + STALL_MILLIS / 1000 + " s";
            }
        }
    }

    /** Reads the records of every pod back from its log, before the pods go. */
    private void collect() {
        collected = true;
        for (Injector i : injectors) {
            if (i.pod != null) {
                unpack(i, kube.log(i.pod, 0));
            }
        }
    }

    private void unpack(Injector i, String log) {
        try {
            PodInjector.unpack(log, i.dir);
        } catch (IOException | IllegalArgumentException e) {
            throw new LoadException("cannot read the records of " + i.name(count) + " from its pod log: "
                    + e.getMessage(), "");
        }
    }

    private void stopRunning(InjectorRun.State as, String detail) {
        collect(); // what the others recorded up to now, then they are stopped with the Job
        long now = System.currentTimeMillis();
        for (Injector i : injectors) {
            if (i.state == null) {
                i.state = as;
                i.stoppedAt = now;
                i.detail = detail;
            }
        }
        kube.close();
    }

    private String tail(Injector i) {
        return i.pod == null ? "" : String.join("\n", PodInjector.plainTail(kube.log(i.pod, 0), 30));
    }

    /** The injector container's status, or null before the kubelet reported one. */
    private static ContainerStatus container(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream().findFirst().orElse(null);
    }

    /** How the pod ended ({@code exit 0}, {@code exit 137, killed by signal 9 (OOMKilled)}), or null while it runs. */
    static String ended(Pod pod, ContainerStatus c) {
        ContainerStateTerminated t = c == null || c.getState() == null ? null : c.getState().getTerminated();
        if (t != null) {
            String reason = t.getReason() == null || t.getReason().equals("Completed") || t.getReason().equals("Error")
                    ? "" : " (" + t.getReason() + ")";
            return LocalInjectors.exit(t.getExitCode() == null ? -1 : t.getExitCode()) + reason;
        }
        String phase = phase(pod);
        if (phase.equals("Failed") || phase.equals("Succeeded")) { // evicted, past the deadline …
            String reason = pod.getStatus().getReason();
            return phase.equals("Succeeded") ? "exit 0" : "pod " + phase.toLowerCase() + (reason == null ? ""
                    : " (" + reason + ")");
        }
        return null;
    }

    private static String phase(Pod pod) {
        return pod == null || pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
                : pod.getStatus().getPhase();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("the load was interrupted", "");
        }
    }

    /** Whether {@code e} says the API server could not be reached or refused the request. */
    static LoadException refused(String what, KubernetesClientException e) {
        return new LoadException(what + ": " + e.getMessage() + " (is the kubeconfig right, and may its user "
                + "create jobs and configmaps and read pods and pods/log in the namespace? docs/scale.md: Run the load from "
                + "Kubernetes)", "");
    }
}
