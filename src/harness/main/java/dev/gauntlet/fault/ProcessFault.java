package dev.gauntlet.fault;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fault on a service's process or container, through its {@link dev.gauntlet.environment.ServiceControl}. What a
 * kind does is in {@link ProcessFaults}, how it is shown to take effect in {@link ProcessChecks}.
 *
 * @param service target service name
 * @param kind    what to do to it
 * @param timing  when, on the load clock
 */
public record ProcessFault(String service, Kind kind, FaultTiming timing) implements FaultSpec {

    /** Process-level fault kinds. */
    public enum Kind {
        /** Graceful stop: connection refused until the fault ends. */
        STOP,
        /** Frozen: connections accepted, never answered. */
        PAUSE,
        /** Stop and start again at once (duration ignored). */
        RESTART,
        /** Hard kill; started again when the fault ends. */
        KILL;

        /** The name in environment files and reports: {@code stop}. */
        public String label() {
            return Labels.of(this);
        }

        /** The kind whose {@link #label()} is {@code label}, if any. */
        public static Optional<Kind> byLabel(String label) {
            return Labels.find(values(), label);
        }

        /** Done at once, with no off-edge. */
        boolean momentary() {
            return switch (this) {
                case RESTART -> true;
                case STOP, PAUSE, KILL -> false;
            };
        }
    }

    public ProcessFault {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timing, "timing");
    }

    @Override
    public String label() {
        return kind.label();
    }

    @Override
    public boolean momentary() {
        return kind.momentary();
    }

    @Override
    public <R> R match(Function<? super ProcessFault, ? extends R> process, Function<? super HttpFault, ? extends R> http,
                       Function<? super NetworkFault, ? extends R> network) {
        return process.apply(this);
    }
}
