package dev.gauntlet.config;

import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.environment.ServiceSpec;
import dev.gauntlet.fault.FaultSpec;
import dev.gauntlet.fault.FaultTiming;
import dev.gauntlet.fault.HttpFault;
import dev.gauntlet.fault.NetworkFault;
import dev.gauntlet.fault.ProcessFault;
import dev.gauntlet.units.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code faults:}, the fault schedule: each item's {@code service}, {@code kind} and timing ({@code phase},
 * {@code at}, {@code duration}), and the fields of its family — HTTP faults ({@link HttpFault.Kind}) take
 * {@code latency}, {@code latencyMax}, {@code fraction} and {@code status}; process faults ({@link ProcessFault.Kind})
 * take none of them. Kinds are read by their label, so a new kind of a family needs nothing here.
 */
final class FaultFields {
    private static final List<String> HTTP_FIELDS = List.of("latency", "latencyMax", "fraction", "status");
    private static final Set<String> FIELDS = Set.copyOf(Stream.of(Stream.of("service", "kind", "phase", "at",
            "duration"), HTTP_FIELDS.stream(), NetworkFaultFields.FIELDS.stream()).flatMap(x -> x).distinct().toList());

    private FaultFields() {
    }

    static List<FaultSpec> faults(Node root, EnvironmentSpec environment) {
        List<FaultSpec> out = new ArrayList<>();
        List<String> services = environment.services().stream().map(ServiceSpec::name).toList();
        for (Node f : root.list("faults")) {
            f.only(FIELDS);
            String service = f.text("service");
            if (!services.contains(service)) {
                throw f.error("service: no service named '" + service + "' (have: " + String.join(", ", services) + ")");
            }
            String kind = f.text("kind");
            if (f.has("through") || NetworkFaultFields.onlyNetwork(kind)) {
                out.add(NetworkFaultFields.fault(f, service, kind, environment, timing(f)));
                continue;
            }
            Optional<ProcessFault.Kind> process = ProcessFault.Kind.byLabel(kind);
            Optional<HttpFault.Kind> http = HttpFault.Kind.byLabel(kind);
            if (process.isPresent()) {
                out.add(process(f, service, process.get()));
            } else if (http.isPresent()) {
                out.add(http(f, service, http.get()));
            } else {
                throw f.error("kind: expected one of " + String.join(", ", labels()) + "; got '" + kind + "' (network "
                        + "faults, with through: proxy: " + String.join(", ", NetworkFault.labels()) + ")");
            }
        }
        return out;
    }

    /** Every kind's label: process faults first, then HTTP faults. */
    static List<String> labels() {
        return Stream.concat(Arrays.stream(ProcessFault.Kind.values()).map(ProcessFault.Kind::label),
                Arrays.stream(HttpFault.Kind.values()).map(HttpFault.Kind::label)).toList();
    }

    private static ProcessFault process(Node f, String service, ProcessFault.Kind kind) {
        for (String field : Stream.concat(HTTP_FIELDS.stream(), NetworkFaultFields.FIELDS.stream()).distinct().toList()) {
            if (f.has(field)) {
                throw f.error(field + ": only for HTTP faults (" + String.join(", ", Arrays.stream(HttpFault.Kind.values())
                        .map(HttpFault.Kind::label).toList()) + "); " + kind.label() + " acts on the process");
            }
        }
        return new ProcessFault(service, kind, timing(f));
    }

    private static HttpFault http(Node f, String service, HttpFault.Kind kind) {
        for (String field : NetworkFaultFields.FIELDS) {
            if (f.has(field) && !HTTP_FIELDS.contains(field)) {
                throw f.error(field + ": only for network faults (through: proxy); " + kind.label() + " without it acts "
                        + "on a WireMock service's answers");
            }
        }
        if (kind.delays() && !f.has("latency")) {
            throw f.error("latency: a " + kind.label() + " fault needs the delay, e.g. latency: 500ms");
        }
        double fraction = fraction(f);
        FaultTiming timing = timing(f);
        return new HttpFault(service, kind, timing, f.has("latency") ? f.duration("latency") : null,
                f.has("latencyMax") ? f.duration("latencyMax") : null, fraction,
                f.has("status") ? (int) f.number("status") : 503);
    }

    /** {@code fraction}: a share of requests or connections, 100 % when absent. */
    static double fraction(Node f) {
        double fraction = 1.0;
        if (f.has("fraction")) {
            String raw = f.text("fraction").trim();
            try {
                fraction = Units.ratio(raw);
            } catch (NumberFormatException e) {
                throw f.error("fraction: expected a share such as 50%, got '" + raw + "'");
            }
            if (fraction <= 0 || fraction > 1) {
                throw f.error("fraction: expected more than 0% and at most 100%, got '" + raw + "'");
            }
        }
        return fraction;
    }

    private static FaultTiming timing(Node f) {
        return new FaultTiming(f.text("phase", null), f.duration("at", Duration.ZERO),
                f.has("duration") ? f.duration("duration") : null);
    }
}
