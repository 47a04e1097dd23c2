package dev.gauntlet.environment;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A started container and its {@link ServiceControl} through the Docker API. */
final class ContainerService implements ServiceControl {
    private static final int STOP_TIMEOUT_SECONDS = 5;

    private final ServiceSpec spec;
    private final DockerClient docker;
    private final String id;
    private final Readiness readiness;
    private final URI url;
    private final ContainerLog log;

    ContainerService(ServiceSpec spec, DockerClient docker, String id, Readiness readiness, URI url, ContainerLog log) {
        this.spec = spec;
        this.docker = docker;
        this.id = id;
        this.readiness = readiness;
        this.url = url;
        this.log = log;
    }

    String id() {
        return id;
    }

    /** Graceful stop ({@code docker stop}, SIGKILL after 5 s); a paused container is thawed first. */
    @Override
    public synchronized void stop() {
        log.note("docker stop");
        stopNow();
    }

    /** {@code docker start} on the same port (host networking), then waits until it is ready again. */
    @Override
    public synchronized void start() {
        if (Containers.ended(docker, id) == null) {
            return;
        }
        log.note("docker start");
        int since = (int) Instant.now().getEpochSecond();
        docker.startContainerCmd(id).exec();
        log.follow(docker, id, since);
        Health.await(spec.name(), readiness.target(url), Health.of(readiness, url,
                        command -> Containers.exec(docker, id, command)), spec.startTimeout(),
                () -> Containers.ended(docker, id), () -> Containers.logTail(docker, id, 40));
    }

    /** {@code docker pause} (cgroup freezer): connections are accepted but never answered. */
    @Override
    public synchronized void pause() {
        log.note("docker pause");
        docker.pauseContainerCmd(id).exec();
    }

    /** {@code docker unpause}. */
    @Override
    public synchronized void resume() {
        log.note("docker unpause");
        docker.unpauseContainerCmd(id).exec();
    }

    /** {@code docker kill} (SIGKILL); returns once the container has exited. */
    @Override
    public synchronized void kill() {
        log.note("docker kill");
        thaw();
        docker.killContainerCmd(id).exec();
        docker.waitContainerCmd(id).start().awaitStatusCode(10, TimeUnit.SECONDS);
    }

    /** {@code container ID pid N started at T} while it runs: pid and start time change when it is started again. */
    @Override
    public String instance() {
        var state = docker.inspectContainerCmd(id).exec().getState();
        return Boolean.TRUE.equals(state.getRunning())
                ? "container " + Containers.shortId(id) + " pid " + state.getPidLong() + " started at " + state.getStartedAt()
                : null;
    }

    /** Teardown: graceful stop, then removal; quiet when the container is already gone. */
    synchronized void remove() {
        try {
            if (Containers.ended(docker, id) == null) {
                log.note("teardown: docker stop, then remove");
                stopNow();
            }
        } catch (RuntimeException e) {
            // removal below forces it
        }
        Containers.remove(docker, id);
        log.close();
    }

    private void stopNow() {
        thaw();
        try {
            docker.stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
        } catch (NotModifiedException alreadyStopped) {
            // idempotent
        }
    }

    private void thaw() {
        if (Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getPaused())) {
            docker.unpauseContainerCmd(id).exec();
        }
    }

    @Override
    public String toString() {
        return spec.name() + " (container " + Containers.shortId(id) + ")";
    }
}
