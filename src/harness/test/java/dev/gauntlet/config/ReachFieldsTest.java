package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.probe.ProbeKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kind: external}, {@code targets}, {@code production} and {@code allow}: what the gate may reach and do. */
class ReachFieldsTest {
    @TempDir
    Path dir;

    private static final String EXTERNAL = """
            name: staging
            kind: external
            targets: [orders.staging.example, 10.200.7.2]
            services:
              orders:
                url: http://10.200.7.2:8080
                health: /health
                underTest: true
              payments:
                url: https://orders.staging.example
                health: /health
            """;

    private GateSpec load(String yaml, Map<String, String> set) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, yaml);
        return GateSpecs.load(f, set);
    }

    private ConfigException fails(String yaml, Map<String, String> set) {
        return assertThrows(ConfigException.class, () -> load(yaml, set));
    }

    @Test
    void externalServicesAreUrlsOnListedHostsAndWritingProbesAreOffWithoutAnOptIn() throws IOException {
        GateSpec spec = load(EXTERNAL, Map.of());
        EnvironmentSpec env = spec.environment();
        assertEquals(EnvironmentSpec.EXTERNAL, env.kind());
        assertTrue(env.shared());
        assertEquals(URI.create("http://10.200.7.2:8080"), env.underTest().url());
        assertEquals(List.of(), env.underTest().command());
        assertEquals(List.of("orders.staging.example", "10.200.7.2"), env.reach().targets());
        assertFalse(spec.security().kinds().contains(ProbeKind.BOLA));
        assertFalse(spec.security().kinds().contains(ProbeKind.MASS_ASSIGNMENT));
        assertTrue(spec.security().kinds().contains(ProbeKind.AUTHENTICATION));
        GateSpec optedIn = load(EXTERNAL + "allow: {writeProbes: true}\n", Map.of());
        assertTrue(optedIn.security().kinds().contains(ProbeKind.BOLA));
    }

    @Test
    void aServiceOnAHostNotInTargetsIsRefusedBeforeAnythingRuns() {
        ConfigException e = fails(EXTERNAL, Map.of("targets", "[10.200.7.2]"));
        assertEquals("services.payments.url", e.field());
        assertTrue(e.getMessage().contains("orders.staging.example is not in targets"), e.getMessage());
        assertTrue(fails(EXTERNAL, Map.of("services.orders.url", "ftp://10.200.7.2/")).getMessage()
                .contains("http or https"));
        assertTrue(fails(EXTERNAL, Map.of("services.orders.url", "http://10.200.7.2/v1")).getMessage()
                .contains("without a path"));
    }

    @Test
    void productionRefusesOptInsAndFaults() {
        assertTrue(fails(EXTERNAL + "production: true\nallow: {faults: true}\n", Map.of()).getMessage()
                .contains("refused"));
        String faults = "faults:\n  - {service: orders, kind: kill, at: 1s}\n";
        ConfigException shared = fails(EXTERNAL + faults, Map.of());
        assertTrue(shared.getMessage().contains("allow: {faults: true}"), shared.getMessage());
        ConfigException production = fails(EXTERNAL + "production: true\n" + faults, Map.of());
        assertTrue(production.getMessage().contains("refused"), production.getMessage());
    }

    @Test
    void targetsAreHostsAndServiceFieldsBelongToTheKind() {
        for (String bad : List.of("http://x.example", "x.example:8080", "10.0.0.1/24", "two words")) {
            assertTrue(fails(EXTERNAL, Map.of("targets", "['" + bad + "']")).getMessage().contains("host name or an IP"),
                    bad);
        }
        assertTrue(fails(EXTERNAL, Map.of("services.orders.command", "[java]")).getMessage().contains("command"));
        String local = EXTERNAL.replace("kind: external", "kind: local");
        assertTrue(fails(local, Map.of()).getMessage().contains("url"));
    }

    @Test
    void aLocalEnvironmentIsNotSharedAndKeepsEveryProbe() throws IOException {
        GateSpec spec = load("""
                name: t
                targets: ["[2001:db8::7]"]
                services:
                  api: {command: [api], health: /health, underTest: true}
                """, Map.of());
        assertFalse(spec.environment().shared());
        assertEquals(List.of("2001:db8::7"), spec.environment().reach().targets());
        assertTrue(spec.security().kinds().contains(ProbeKind.BOLA));
    }
}
