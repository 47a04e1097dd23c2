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
 * @param reach    the hosts the gate may reach besides loopback ({@code targets}) and, on a shared environment, what it
 *                 opts in to ({@code production}, {@code allow})
 */
public record EnvironmentSpec(String name, String kind, List<ServiceSpec> services, Reach reach) {
    /** Services are child processes of the gate: the default kind. */
    public static final String LOCAL = "local";
    /** Services are Docker containers with host networking. */
    public static final String CONTAINERS = "containers";
    /** Services are APIs already deployed, reached by URL: nothing is started. */
    public static final String EXTERNAL = ExternalProvider.KIND;

    public EnvironmentSpec {
        services = List.copyOf(services);
        reach = reach == null ? Reach.LOOPBACK : reach;
        if (services.stream().filter(ServiceSpec::underTest).count() != 1) {
            throw new IllegalArgumentException("exactly one service must be under test");
        }
        EnvironmentProvider provider = EnvironmentProviders.of(kind);
        for (ServiceSpec s : services) {
            if (provider.reachedByUrl() != (s.url() != null)) {
                throw new IllegalArgumentException("service " + s.name() + (s.url() == null
                        ? " needs a url in a " + kind + " environment" : " has a url in a " + kind + " environment"));
            }
            if (provider.runsImages() != (s.image() != null)) {
                throw new IllegalArgumentException("service " + s.name() + (s.image() == null
                        ? " needs an image in a " + kind + " environment" : " has an image in a " + kind + " environment"));
            }
        }
    }

    /** Loopback only, nothing opted in. */
    public EnvironmentSpec(String name, String kind, List<ServiceSpec> services) {
        this(name, kind, services, Reach.LOOPBACK);
    }

    /**
     * Whether the environment is shared with others: its services are reached by URL, not started by the gate
     * (probes that write and faults then need an opt-in, and are refused on {@code production: true}).
     */
    public boolean shared() {
        return EnvironmentProviders.of(kind).reachedByUrl();
    }

    /** The provider whose contracts are verified and which the load targets. */
    public ServiceSpec underTest() {
        return services.stream().filter(ServiceSpec::underTest).findFirst().orElseThrow();
    }
}
