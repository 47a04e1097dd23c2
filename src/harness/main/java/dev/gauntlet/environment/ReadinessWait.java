package dev.gauntlet.environment;

import java.net.URI;
import java.time.Duration;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;

/**
 * Waits until a container's {@link Readiness} holds — {@code http://127.0.0.1:PORT/health} answers 2xx, the port
 * accepts a connection (both polled from the gate's JVM: with host networking a container has no mapped ports, so
 * Testcontainers' own waits cannot be used), or a command exits 0 inside the container. Fails at once, with the
 * container's log tail, when the container stops.
 */
final class ReadinessWait implements WaitStrategy {
    private final String service;
    private final Readiness readiness;
    private final URI url;
    private Duration timeout;

    ReadinessWait(String service, Readiness readiness, URI url, Duration timeout) {
        this.service = service;
        this.readiness = readiness;
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public void waitUntilReady(WaitStrategyTarget target) {
        String id = target.getContainerId();
        var docker = target.getDockerClient();
        Health.await(service, readiness.target(url), Health.of(readiness, url, command -> Containers.exec(docker, id, command)),
                timeout, () -> Containers.ended(docker, id), () -> Containers.logTail(docker, id, 40));
    }

    @Override
    public WaitStrategy withStartupTimeout(Duration startupTimeout) {
        this.timeout = startupTimeout;
        return this;
    }
}
