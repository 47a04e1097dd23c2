package dev.gauntlet.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The environment kinds a gate can run: one {@link EnvironmentProvider} per kind. */
public final class EnvironmentProviders {
    private static final List<EnvironmentProvider> ALL = List.of(
            new LocalProvider(),
            new ContainerProvider(),
            new ExternalProvider());

    private EnvironmentProviders() {
    }

    /** Every provider, the default ({@link EnvironmentSpec#LOCAL}) first. */
    public static List<EnvironmentProvider> all() {
        return ALL;
    }

    /** The provider of {@code kind}, if one is registered. */
    public static Optional<EnvironmentProvider> find(String kind) {
        return ALL.stream().filter(p -> p.kind().equals(kind)).findFirst();
    }

    /**
     * The provider of {@code kind}.
     *
     * @throws IllegalArgumentException naming the known kinds when none is registered
     */
    public static EnvironmentProvider of(String kind) {
        return find(kind).orElseThrow(() -> new IllegalArgumentException("kind must be " + expected() + ", got "
                + kind));
    }

    /** The known kinds for a message: {@code 'local' (child processes) or 'containers' (Docker containers)}. */
    public static String expected() {
        List<String> kinds = new ArrayList<>();
        ALL.forEach(p -> kinds.add("'" + p.kind() + "' (" + p.description() + ")"));
        return or(kinds);
    }

    /** The kinds whose services run images, for a message: {@code containers}. */
    public static String imageKinds() {
        return or(ALL.stream().filter(EnvironmentProvider::runsImages).map(EnvironmentProvider::kind).toList());
    }

    /**
     * Sweeps what killed gates left behind, for every kind ({@code spec}'s own kind reports a missing engine itself).
     *
     * @return how many leftovers were removed
     */
    static int sweepLeftovers(EnvironmentSpec spec, Consumer<String> report) {
        int removed = 0;
        for (EnvironmentProvider p : ALL) {
            removed += p.sweepLeftovers(p.kind().equals(spec.kind()), report);
        }
        return removed;
    }

    private static String or(List<String> items) {
        return items.size() < 2 ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
