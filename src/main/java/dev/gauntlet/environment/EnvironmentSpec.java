package dev.gauntlet.environment;

import java.util.List;

/**
 * The services of one environment, in start order (every service after the ones it depends on).
 *
 * @param name     the environment's name, e.g. {@code local}
 * @param kind     how services run: {@code local} (child processes)
 * @param services services in start order; exactly one is under test
 */
public record EnvironmentSpec(String name, String kind, List<ServiceSpec> services) {
    public EnvironmentSpec {
        services = List.copyOf(services);
        if (services.stream().filter(ServiceSpec::underTest).count() != 1) {
            throw new IllegalArgumentException("exactly one service must be under test");
        }
    }

    /** The provider whose contracts are verified and which the load targets. */
    public ServiceSpec underTest() {
        return services.stream().filter(ServiceSpec::underTest).findFirst().orElseThrow();
    }
}
