package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.fault.FaultSpec;
import dev.gauntlet.fault.FaultTiming;
import dev.gauntlet.fault.HttpFault;
import dev.gauntlet.fault.ProcessFault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code faults:}: each family with its own fields, kinds by label, mistakes named. */
class FaultFieldsTest {
    private static final Path OUTAGE = Path.of("environments/outage.yaml");

    private static List<FaultSpec> faults(String yaml) {
        return GateSpecs.load(OUTAGE, Map.of("faults", yaml)).faults();
    }

    private static ConfigException mistake(String yaml) {
        return assertThrows(ConfigException.class, () -> faults(yaml));
    }

    @Test
    void readsEachFamilyWithItsOwnFields() {
        List<FaultSpec> faults = faults("[{service: payments, kind: kill, phase: outage, at: 1s, duration: 2s},"
                + " {service: payments, kind: errors, fraction: 50%, status: 502},"
                + " {service: payments, kind: latency, latency: 200ms, latencyMax: 400ms, phase: outage}]");
        assertEquals(new ProcessFault("payments", ProcessFault.Kind.KILL, new FaultTiming("outage", Duration.ofSeconds(1),
                Duration.ofSeconds(2))), faults.get(0));
        assertEquals(new HttpFault("payments", HttpFault.Kind.ERRORS, FaultTiming.wholeLoad(), null, null, 0.5, 502),
                faults.get(1));
        HttpFault latency = (HttpFault) faults.get(2);
        assertEquals(Duration.ofMillis(200), latency.latency());
        assertEquals(Duration.ofMillis(400), latency.latencyMax());
        assertEquals(1.0, latency.fraction());
        assertNull(latency.duration(), "until the end of its phase");
        assertEquals(List.of("kill", "errors", "latency"), faults.stream().map(FaultSpec::label).toList());
        assertEquals(List.of("process", "http", "http"), faults.stream().map(f -> f.match(p -> "process", h -> "http", n -> "network"))
                .toList());
    }

    @Test
    void mistakesNameTheFieldAndWhatWasExpected() {
        ConfigException kind = mistake("[{service: payments, kind: explode}]");
        assertEquals("faults[0]", kind.field());
        // every kind of every family, process faults first: a new kind is listed without a change here
        List<String> labels = Stream.concat(Arrays.stream(ProcessFault.Kind.values()).map(ProcessFault.Kind::label),
                Arrays.stream(HttpFault.Kind.values()).map(HttpFault.Kind::label)).toList();
        assertTrue(labels.containsAll(List.of("stop", "pause", "restart", "kill", "latency", "errors", "reset",
                "malformed")), labels.toString());
        assertTrue(kind.getMessage().contains("kind: expected one of " + String.join(", ", labels) + "; got 'explode'"),
                kind.getMessage());

        ConfigException fraction = mistake("[{service: payments, kind: stop, fraction: 50%}]");
        assertTrue(fraction.getMessage().contains("fraction: only for HTTP faults (latency, errors, reset, malformed); "
                + "stop acts on the process"), fraction.getMessage());

        ConfigException latency = mistake("[{service: payments, kind: latency}]");
        assertTrue(latency.getMessage().contains("latency: a latency fault needs the delay"), latency.getMessage());

        ConfigException share = mistake("[{service: payments, kind: reset, fraction: 150%}]");
        assertTrue(share.getMessage().contains("fraction: expected more than 0% and at most 100%, got '150%'"),
                share.getMessage());
    }
}
