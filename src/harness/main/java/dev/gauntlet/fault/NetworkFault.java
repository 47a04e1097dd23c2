package dev.gauntlet.fault;

import dev.gauntlet.network.Toxic;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fault on the network between a service and a dependency ({@code through: proxy}): the gate's TCP proxy in front
 * of {@code service} applies a {@link Toxic} to the connections through it. How it is shown to take effect is in
 * {@link NetworkChecks}.
 *
 * @param service the dependency whose proxy acts (a service some edge reaches {@code through: proxy})
 * @param toxic   what the connections suffer
 * @param timing  when, on the load clock
 */
public record NetworkFault(String service, Toxic toxic, FaultTiming timing) implements FaultSpec {

    public NetworkFault {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(toxic, "toxic");
        Objects.requireNonNull(timing, "timing");
    }

    /** The label of a network kind in environment files and reports: {@code latency}, {@code slow_close}. */
    public static String label(Toxic.Kind kind) {
        return Labels.of(kind);
    }

    /** The network kind whose label is {@code label}, if any. */
    public static Optional<Toxic.Kind> byLabel(String label) {
        return Labels.find(Toxic.Kind.values(), label);
    }

    /** Every network kind's label. */
    public static List<String> labels() {
        return Arrays.stream(Toxic.Kind.values()).map(NetworkFault::label).toList();
    }

    @Override
    public String label() {
        return label(toxic.kind());
    }

    @Override
    public boolean momentary() {
        return false;
    }

    @Override
    public <R> R match(Function<? super ProcessFault, ? extends R> process, Function<? super HttpFault, ? extends R> http,
                       Function<? super NetworkFault, ? extends R> network) {
        return network.apply(this);
    }
}
