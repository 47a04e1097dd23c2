package dev.gauntlet.config;

import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.environment.ServiceSpec;
import dev.gauntlet.fault.FaultTiming;
import dev.gauntlet.fault.HttpFault;
import dev.gauntlet.fault.NetworkFault;
import dev.gauntlet.network.Toxic;
import dev.gauntlet.units.Units;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads a network fault ({@code through: proxy}, which kinds no other family has may leave out): its kind ({@link Toxic.Kind}, Toxiproxy's vocabulary) and only the
 * fields of that kind — {@code latency} and {@code jitter} (latency), {@code rate} (bandwidth), {@code delay}
 * (slow_close), {@code fraction} (a share of the connections; not for down).
 */
final class NetworkFaultFields {
    static final List<String> FIELDS = List.of("through", "latency", "jitter", "rate", "delay", "fraction");
    private static final Map<Toxic.Kind, List<String>> OWN = Map.of(
            Toxic.Kind.LATENCY, List.of("latency", "jitter", "fraction"),
            Toxic.Kind.BANDWIDTH, List.of("rate", "fraction"),
            Toxic.Kind.RESET, List.of("fraction"),
            Toxic.Kind.BLACKHOLE, List.of("fraction"),
            Toxic.Kind.SLOW_CLOSE, List.of("delay", "fraction"),
            Toxic.Kind.DOWN, List.of());

    private NetworkFaultFields() {
    }

    /** Whether {@code kind} names a network fault and no other (bandwidth, blackhole, slow_close, down). */
    static boolean onlyNetwork(String kind) {
        return NetworkFault.byLabel(kind).isPresent() && HttpFault.Kind.byLabel(kind).isEmpty();
    }

    static NetworkFault fault(Node f, String service, String label, EnvironmentSpec environment, FaultTiming timing) {
        Toxic.Kind kind = NetworkFault.byLabel(label).orElseThrow(() -> f.field("kind").error("expected a network "
                + "fault kind with through: proxy: one of " + String.join(", ", NetworkFault.labels()) + "; got '"
                + label + "'"));
        String through = f.text("through", ServiceFields.PROXY); // optional for a kind only networks have
        if (!through.equals(ServiceFields.PROXY)) {
            throw f.field("through").error("expected 'proxy', got '" + through + "'");
        }
        List<String> callers = environment.services().stream().filter(s -> s.proxied().contains(service))
                .map(ServiceSpec::name).toList();
        if (callers.isEmpty()) {
            throw f.field("service").error("no service reaches '" + service + "' through the proxy: add "
                    + "{service: " + service + ", through: proxy} to the dependsOn of the service that calls it");
        }
        for (String field : List.of("latency", "jitter", "rate", "delay", "fraction", "latencyMax", "status")) {
            if (f.has(field) && !OWN.get(kind).contains(field)) {
                throw f.field(field).error("not a field of a " + label + " network fault (its fields: "
                        + (OWN.get(kind).isEmpty() ? "none" : String.join(", ", OWN.get(kind))) + ")");
            }
        }
        try {
            Toxic toxic = switch (kind) {
                case LATENCY -> Toxic.latency(required(f, "latency", "the delay, e.g. latency: 200ms"),
                        f.duration("jitter", Duration.ZERO));
                case BANDWIDTH -> Toxic.bandwidth(rate(f));
                case SLOW_CLOSE -> Toxic.slowClose(required(f, "delay", "how late a close arrives, e.g. delay: 2s"));
                case RESET, BLACKHOLE, DOWN -> Toxic.of(kind);
            };
            return new NetworkFault(service, toxic.on(FaultFields.fraction(f)), timing);
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    private static Duration required(Node f, String field, String what) {
        if (!f.has(field)) {
            throw f.field(field).error("is required: " + what);
        }
        return f.duration(field);
    }

    private static long rate(Node f) {
        if (!f.has("rate")) {
            throw f.field("rate").error("is required: bytes per second per connection, e.g. rate: 16KB/s");
        }
        String raw = f.text("rate").trim();
        double perSecond;
        try {
            perSecond = Units.bytesPerHour(raw) / 3600.0;
        } catch (IllegalArgumentException e) {
            throw f.field("rate").error("expected bytes per second such as 16KB/s or 1MB/s, got '" + raw + "'");
        }
        if (perSecond < 1) {
            throw f.field("rate").error("expected at least 1 byte per second, got '" + raw + "'");
        }
        return (long) perSecond;
    }
}
