package dev.gauntlet.environment;

import java.util.List;

/**
 * The services of one environment, in start order (every service after the ones it depends on).
 *
 * @param name     the environment's name, e.g. {@code local}
 * @param kind     how services run: the kind of an {@link EnvironmentProviders registered provider}, e.g.
 *                 {@link #LOCAL} (child processes) or {@link #CONTAINERS} (Docker containers, each service with a
 *                 {@link ServiceImage})
 * @param services services in start order; exactly one is under test
 */
public record EnvironmentSpec(String name, String kind, List<ServiceSpec> services) {
    /** Services are child processes of the gate: the default kind. */
    public static final String LOCAL = "local";
    /** Services are Docker containers with host networking. */
    public static final String CONTAINERS = "containers";

    public EnvironmentSpec {
        services = List.copyOf(services);
        if (services.stream().filter(ServiceSpec::underTest).count() != 1) {
            throw new IllegalArgumentException("exactly one service must be under test");
        }
        EnvironmentProvider provider = EnvironmentProviders.of(kind);
        for (ServiceSpec s : services) {
            if (provider.runsImages() != (s.image() != null)) {
                throw new IllegalArgumentException("service " + s.name() + (s.image() == null
                        ? " needs an image in a " + kind + " environment" : " has an image in a " + kind + " environment"));
            }
        }
    }

    /** The provider whose contracts are verified and which the load targets. */
    public ServiceSpec underTest() {
        return services.stream().filter(ServiceSpec::underTest).findFirst().orElseThrow();
    }
}
