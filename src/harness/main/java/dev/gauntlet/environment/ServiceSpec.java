package dev.gauntlet.environment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service of an environment: how to start it and how to know it is ready.
 *
 * <p>For a local service {@code command} is program and arguments; for a container it is the container's arguments
 * (see {@link ServiceImage}). {@code command} and {@code env} values may use placeholders that the environment
 * fills when it starts the service: {@code ${port}} (a free 127.0.0.1 port picked for this service), {@code ${java}}
 * (the running JVM), {@code ${classpath}} (the harness's own class path), {@code ${project}} (the project folder,
 * absolute), {@code ${services.NAME.url}} and {@code ${services.NAME.port}} (a service started earlier; through the
 * gate's TCP proxy for a dependency in {@code proxied}). Containers know {@code ${port}}, {@code ${services.NAME.url}}
 * and {@code ${services.NAME.port}}.
 *
 * @param name         unique name, used in logs and reports
 * @param command      program and arguments (containers: the container's arguments)
 * @param readiness    what shows it is ready: an HTTP path, its port, or a command
 * @param env          extra environment variables
 * @param underTest    whether this is the provider the contracts and the load target
 * @param dependsOn    services that must be ready before this one starts
 * @param startTimeout how long to wait for readiness before giving up
 * @param image        what the service's container runs ({@code kind: containers}); null for a local process
 * @param proxied      the dependencies (a subset of {@code dependsOn}) this service reaches through the gate's TCP
 *                     proxy, where network faults act: their placeholders name the proxy's port
 * @param url          where an API already deployed answers ({@code kind: external}; no command then); else null
 * @param balancer     for the load balancer in front of a service's replicas ({@code replicas: N}): what it balances
 *                     (its command names {@code ${balancer.config}}, the configuration the environment writes); else null
 */
public record ServiceSpec(String name, List<String> command, Readiness readiness, Map<String, String> env,
                          boolean underTest, List<String> dependsOn, Duration startTimeout, ServiceImage image,
                          List<String> proxied, java.net.URI url, Balancer balancer) {
    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(readiness, "readiness");
        command = List.copyOf(command);
        env = Map.copyOf(env);
        dependsOn = List.copyOf(dependsOn);
        proxied = List.copyOf(proxied);
        if (command.isEmpty() && !(image instanceof ServiceImage.Named) && url == null) {
            throw new IllegalArgumentException("service " + name + " has an empty command");
        }
        if (!dependsOn.containsAll(proxied)) {
            throw new IllegalArgumentException("service " + name + " reaches " + proxied + " through the proxy but "
                    + "depends on " + dependsOn);
        }
        if (balancer != null && !dependsOn.containsAll(balancer.replicas())) {
            throw new IllegalArgumentException("balancer " + name + " must depend on its replicas " + balancer.replicas());
        }
    }

    /** A service the gate starts or reaches, with no balancer. */
    public ServiceSpec(String name, List<String> command, Readiness readiness, Map<String, String> env,
                       boolean underTest, List<String> dependsOn, Duration startTimeout, ServiceImage image,
                       List<String> proxied, java.net.URI url) {
        this(name, command, readiness, env, underTest, dependsOn, startTimeout, image, proxied, url, null);
    }

    /** A service the gate starts (a child process, or a container with {@code image}). */
    public ServiceSpec(String name, List<String> command, Readiness readiness, Map<String, String> env,
                       boolean underTest, List<String> dependsOn, Duration startTimeout, ServiceImage image,
                       List<String> proxied) {
        this(name, command, readiness, env, underTest, dependsOn, startTimeout, image, proxied, null);
    }

    /** An API already deployed at {@code url} ({@code kind: external}). */
    public static ServiceSpec external(String name, java.net.URI url, String healthPath, boolean underTest,
                                       List<String> dependsOn, Duration startTimeout) {
        return new ServiceSpec(name, List.of(), new Readiness.Http(healthPath), Map.of(), underTest, dependsOn,
                startTimeout, null, List.of(), url);
    }

    /** A service with an HTTP health path and no proxied dependency. */
    public ServiceSpec(String name, List<String> command, String healthPath, Map<String, String> env,
                       boolean underTest, List<String> dependsOn, Duration startTimeout, ServiceImage image) {
        this(name, command, new Readiness.Http(healthPath), env, underTest, dependsOn, startTimeout, image, List.of());
    }

    /** A local service (a child process). */
    public ServiceSpec(String name, List<String> command, String healthPath, Map<String, String> env,
                       boolean underTest, List<String> dependsOn, Duration startTimeout) {
        this(name, command, healthPath, env, underTest, dependsOn, startTimeout, null);
    }

    /** The HTTP health path, or null when readiness is the port or a command. */
    public String healthPath() {
        return readiness.httpPath();
    }
}
