package dev.gauntlet.config;

import dev.gauntlet.slo.Caching;
import dev.gauntlet.slo.Monitoring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.slo.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code caching}, {@code health} and {@code metrics} objectives, and clear mistakes. */
class MonitoringFieldsTest {
    @TempDir
    Path dir;

    private static final String BASE = """
            name: t
            services:
              payments:
                command: [java, -cp, x, Payments]
                health: /health
              api:
                underTest: true
                command: [java, -cp, x, Main]
                health: /health
            load:
              from: contracts
              plan:
                - {phase: steady, rate: 5/s, duration: 60s}
            objectives:
            """;

    private List<Objective> objectives(String items) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, BASE + items);
        return GateSpecs.load(f, Map.of()).objectives();
    }

    private String mistake(String items) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, BASE + items);
        return assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of())).getMessage();
    }

    @Test
    void readsCachingHealthAndMetrics() throws IOException {
        List<Objective> os = objectives("""
                  - caching: private
                  - caching: validators
                  - {caching: per-identity, name: no mix-ups}
                  - {health: < 5s, path: /ready}
                  - {metrics: 'errors_total{dependency="payments"}', path: /metrics, service: payments}
                """);
        assertEquals(Caching.Rule.PRIVATE, ((Caching) os.get(0)).rule());
        assertEquals("caching validators", os.get(1).name());
        assertEquals("no mix-ups", os.get(2).name());
        Monitoring health = (Monitoring) os.get(3);
        assertEquals(Monitoring.Signal.HEALTH, health.signal());
        assertEquals(Duration.ofSeconds(5), health.limit());
        assertNull(health.service(), "the service under test");
        assertEquals("/ready reports each fault and its end < 5s", health.describe());
        Monitoring metrics = (Monitoring) os.get(4);
        assertEquals("errors_total{dependency=\"payments\"}", metrics.metric());
        assertEquals("payments", metrics.service());
        assertEquals(Objective.Kind.MONITORING, metrics.kind());
    }

    @Test
    void mistakesNameTheFieldAndWhatIsExpected() throws IOException {
        assertTrue(mistake("  - caching: everything\n").contains("expected one of private"), "caching value");
        assertTrue(mistake("  - health: 5s\n    path: /ready\n").contains("expected '< DURATION'"));
        assertTrue(mistake("  - health: < 5s\n").contains("objectives[0].path: is required with health"));
        assertTrue(mistake("  - {health: < 5s, path: ready}\n").contains("starting with '/'"));
        assertTrue(mistake("  - {metrics: 'two words', path: /metrics}\n").contains("expected the Prometheus series"));
        assertTrue(mistake("  - {health: < 5s, path: /ready, service: nope}\n").contains("no service named 'nope'"));
        assertTrue(mistake("  - {latency: p95 < 1s, path: /x}\n").contains("path belongs to a health or metrics"));
        assertTrue(mistake("  - {caching: private, phase: steady}\n").contains("judged over the whole run"));
        assertTrue(mistake("  - {caching: private, service: api}\n").contains("service"));
        assertTrue(mistake("  - {caching: private, pending: 3}\n").contains("objectives[0].pending: a caching objective"));
    }
}
