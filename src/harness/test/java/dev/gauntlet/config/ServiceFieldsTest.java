package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.environment.Readiness;
import dev.gauntlet.environment.ServiceSpec;
import dev.gauntlet.fault.FaultSpec;
import dev.gauntlet.fault.FaultTiming;
import dev.gauntlet.fault.NetworkFault;
import dev.gauntlet.network.Toxic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's readiness (HTTP path, port, command), edges through the proxy, and network faults on them. */
class ServiceFieldsTest {
    @TempDir
    Path dir;

    private static final String ENV = """
            name: t
            services:
              db:
                command: [postgres, -p, "${port}"]
                health: %s
              api:
                underTest: true
                dependsOn: %s
                command: [java, -cp, x, Main, "${services.db.port}"]
                health: /health
            load:
              simulation: BaselineSimulation
            objectives:
              - errors: < 1%%
            faults: %s
            """;

    private GateSpec load(String health, String dependsOn, String faults) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, ENV.formatted(health, dependsOn, faults));
        return GateSpecs.load(f, Map.of());
    }

    private ServiceSpec service(GateSpec spec, String name) {
        return spec.environment().services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private ConfigException mistake(String health, String dependsOn, String faults) {
        return assertThrows(ConfigException.class, () -> load(health, dependsOn, faults));
    }

    @Test
    void readinessIsAnHttpPathThePortOrACommand() throws IOException {
        assertEquals(new Readiness.Http("/health"), service(load("/health", "[db]", "[]"), "db").readiness());
        assertEquals("/health", service(load("/health", "[db]", "[]"), "db").healthPath());
        assertEquals(new Readiness.Port(), service(load("port", "[db]", "[]"), "db").readiness());
        ServiceSpec db = service(load("{command: [pg_isready, -h, 127.0.0.1, -p, \"${port}\"]}", "[db]", "[]"), "db");
        assertEquals(new Readiness.Command(List.of("pg_isready", "-h", "127.0.0.1", "-p", "${port}")), db.readiness());
        assertEquals(null, db.healthPath(), "no HTTP path to poll");
    }

    @Test
    void badReadinessNamesTheFieldAndTheThreeChoices() {
        ConfigException word = mistake("tcp", "[db]", "[]");
        assertEquals("services.db.health", word.field());
        assertTrue(word.getMessage().contains("expected an HTTP path starting with '/' (answers 2xx), 'port' (its port "
                + "accepts a TCP connection) or {command: [program, args...]} (exits 0, e.g. pg_isready), got 'tcp'"),
                word.getMessage());
        assertEquals("services.db.health.command", mistake("{command: []}", "[db]", "[]").field());
        assertEquals("services.db.health.cmd", mistake("{cmd: [x]}", "[db]", "[]").field());
    }

    @Test
    void anEdgeThroughTheProxyIsADependencyToo() throws IOException {
        ServiceSpec api = service(load("port", "[{service: db, through: proxy}]", "[]"), "api");
        assertEquals(List.of("db"), api.dependsOn());
        assertEquals(List.of("db"), api.proxied());
        assertEquals(List.of("db", "api"), load("port", "[{service: db, through: proxy}]", "[]").environment().services()
                .stream().map(ServiceSpec::name).toList(), "start order follows the edge");
        ConfigException through = mistake("port", "[{service: db, through: vpn}]", "[]");
        assertEquals("services.api.dependsOn[0].through", through.field());
        assertTrue(through.getMessage().contains("expected 'proxy'"), through.getMessage());
        assertTrue(mistake("port", "[{service: cache, through: proxy}]", "[]").getMessage()
                .contains("no service named 'cache'"));
    }

    @Test
    void readsNetworkFaultsWithTheirOwnFields() throws IOException {
        List<FaultSpec> faults = load("port", "[{service: db, through: proxy}]", """
                [{service: db, through: proxy, kind: latency, latency: 200ms, jitter: 50ms, at: 1s, duration: 2s},
                 {service: db, through: proxy, kind: bandwidth, rate: 16KB/s, fraction: 50%},
                 {service: db, kind: blackhole}, {service: db, kind: slow_close, through: proxy, delay: 2s},
                 {service: db, kind: down}, {service: db, kind: reset, through: proxy}]""").faults();
        assertEquals(new NetworkFault("db", Toxic.latency(Duration.ofMillis(200), Duration.ofMillis(50)),
                new FaultTiming(null, Duration.ofSeconds(1), Duration.ofSeconds(2))), faults.get(0));
        assertEquals(Toxic.bandwidth(16 * 1024).on(0.5), ((NetworkFault) faults.get(1)).toxic());
        assertEquals(List.of("latency", "bandwidth", "blackhole", "slow_close", "down", "reset"),
                faults.stream().map(FaultSpec::label).toList(), "kinds only a network fault has need no through");
        assertEquals(List.of("network"), faults.stream().map(f -> f.match(p -> "process", h -> "http", n -> "network"))
                .distinct().toList());
    }

    @Test
    void networkFaultMistakesSayWhatToWrite() {
        String proxied = "[{service: db, through: proxy}]";
        ConfigException notProxied = mistake("port", "[db]", "[{service: db, kind: blackhole}]");
        assertEquals("faults[0].service", notProxied.field());
        assertTrue(notProxied.getMessage().contains("no service reaches 'db' through the proxy: add {service: db, "
                + "through: proxy} to the dependsOn"), notProxied.getMessage());
        assertEquals("faults[0].latency", mistake("port", proxied, "[{service: db, kind: latency, through: proxy}]").field());
        assertEquals("faults[0].rate", mistake("port", proxied, "[{service: db, kind: bandwidth}]").field());
        assertTrue(mistake("port", proxied, "[{service: db, kind: bandwidth, rate: fast}]").getMessage()
                .contains("expected bytes per second such as 16KB/s"));
        assertEquals("faults[0].delay", mistake("port", proxied, "[{service: db, kind: slow_close}]").field());
        ConfigException foreign = mistake("port", proxied, "[{service: db, kind: down, fraction: 50%}]");
        assertEquals("faults[0].fraction", foreign.field());
        assertTrue(foreign.getMessage().contains("not a field of a down network fault (its fields: none)"),
                foreign.getMessage());
        assertTrue(mistake("port", proxied, "[{service: db, kind: latency, through: proxy, latency: 100ms, jitter: 200ms}]")
                .getMessage().contains("jitter must be between 0 and the latency"));
        ConfigException jitterOnHttp = mistake("port", proxied, "[{service: db, kind: latency, latency: 1s, jitter: 5ms}]");
        assertTrue(jitterOnHttp.getMessage().contains("jitter: only for network faults (through: proxy)"),
                jitterOnHttp.getMessage());
        assertTrue(mistake("port", proxied, "[{service: db, kind: stop, through: proxy}]").getMessage()
                .contains("expected a network fault kind with through: proxy: one of latency, bandwidth, reset, "
                        + "blackhole, slow_close, down; got 'stop'"));
    }
}
