package dev.gauntlet.environment;

import java.net.URI;
import java.time.Duration;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;

/**
 * Waits until {@code http://127.0.0.1:PORT/health} answers 2xx, polled from the gate's JVM: with host networking a
 * container has no mapped ports, so Testcontainers' own HTTP wait cannot be used. Fails at once, with the
 * container's log tail, when the container stops.
 */
final class HttpHealthWait implements WaitStrategy {
    private final String service;
    private final URI health;
    private Duration timeout;

    HttpHealthWait(String service, URI health, Duration timeout) {
        this.service = service;
        this.health = health;
        this.timeout = timeout;
    }

    @Override
    public void waitUntilReady(WaitStrategyTarget target) {
        String id = target.getContainerId();
        var docker = target.getDockerClient();
        Health.await(service, health, timeout, () -> Containers.ended(docker, id), () -> Containers.logTail(docker, id, 40));
    }

    @Override
    public WaitStrategy withStartupTimeout(Duration startupTimeout) {
        this.timeout = startupTimeout;
        return this;
    }
}
