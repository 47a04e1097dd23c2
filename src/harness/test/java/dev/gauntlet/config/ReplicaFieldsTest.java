package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.environment.Balancer;
import dev.gauntlet.environment.ServiceSpec;
import dev.gauntlet.fault.NetworkFault;
import dev.gauntlet.fault.ProcessFault;
import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.Failover;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replicas: N} behind HAProxy, faults on one replica, and the failover objective. */
class ReplicaFieldsTest {
    @TempDir
    Path dir;

    private static final String ENV = """
            name: t
            services:
              db:
                command: [postgres, -p, "${port}"]
                health: port
              api:
                underTest: true
                dependsOn: [{service: db, through: proxy}]
                command: [java, Main, --port, "${port}", --name, "api-${replica}"]
                env: {REPLICA: "${replica}"}
                health: /health
            %s
            load:
              simulation: BaselineSimulation
            objectives:
              - errors: < 1%%
            %s
            """;

    private GateSpec load(String replicas, String more) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, ENV.formatted("", more).replace("    health: /health\n",
                "    health: /health\n" + replicas.indent(4)));
        return GateSpecs.load(f, Map.of());
    }

    private static ServiceSpec service(GateSpec spec, String name) {
        return spec.environment().services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void replicasBecomeServicesOfTheirOwnBehindABalancerUnderTheServicesName() throws IOException {
        GateSpec spec = load("replicas: 3", "");
        assertEquals(List.of("db", "api#1", "api#2", "api#3", "api"),
                spec.environment().services().stream().map(ServiceSpec::name).toList(), "start order");
        ServiceSpec two = service(spec, "api#2");
        assertEquals(List.of("java", "Main", "--port", "${port}", "--name", "api-2"), two.command(),
                "${replica} is the replica's number; ${port} stays each replica's own");
        assertEquals(Map.of("REPLICA", "2"), two.env());
        assertFalse(two.underTest());
        assertEquals(List.of("db"), two.proxied(), "each replica keeps the service's edges");
        ServiceSpec balancer = spec.environment().underTest();
        assertEquals("api", balancer.name());
        assertEquals(List.of("api#1", "api#2", "api#3"), balancer.proxied(), "replicas reached through the gate's proxy");
        assertEquals("/health", balancer.healthPath());
        assertEquals(List.of("-f", "${balancer.config}", "-db"), balancer.command().subList(1, 4));
        Balancer b = balancer.balancer();
        assertEquals(Duration.ofSeconds(1), b.interval());
        assertEquals(2, b.fall());
        assertEquals(2, b.rise());
        assertNull(b.retries(), "HAProxy's own retries unless the file asks");
        assertFalse(b.redispatch(), "no redispatch unless the file asks");
    }

    @Test
    void theConfigIsRoundRobinWithHealthChecksAndRetriesOnlyWhenAsked() throws IOException {
        Balancer plain = load("replicas: 2", "").environment().underTest().balancer();
        String config = plain.config(9000, Map.of("api#1", 9001, "api#2", 9002));
        assertTrue(config.contains("bind 127.0.0.1:9000"), config);
        assertTrue(config.contains("balance roundrobin"), config);
        assertTrue(config.contains("option httpchk GET /health"), config);
        assertTrue(config.contains("default-server check inter 1000ms fall 2 rise 2"), config);
        assertTrue(config.contains("server api-1 127.0.0.1:9001") && config.contains("server api-2 127.0.0.1:9002"), config);
        assertFalse(config.contains("redispatch") || config.contains("retries"), config);
        Balancer asked = load("replicas: 2\nbalancer: {check: /ready, interval: 500ms, fall: 3, rise: 1, retries: 2, "
                + "redispatch: true, serverTimeout: 2s}", "").environment().underTest().balancer();
        String tuned = asked.config(9000, Map.of("api#1", 9001, "api#2", 9002));
        assertTrue(tuned.contains("option httpchk GET /ready") && tuned.contains("inter 500ms fall 3 rise 1"), tuned);
        assertTrue(tuned.contains("retries 2") && tuned.contains("option redispatch"), tuned);
        assertTrue(tuned.contains("timeout server 2000ms"), tuned);
    }

    @Test
    void faultsNameOneReplicaAndTheFailoverObjectiveIsRead() throws IOException {
        GateSpec spec = load("replicas: 2", """
                  - failover: "<= 1%"
                    rerouteWithin: 3s
                faults:
                  - {service: "api#2", kind: kill, at: 5s, duration: 5s}
                  - {service: "api#1", kind: down, at: 12s, duration: 5s}
                """);
        assertEquals(new ProcessFault("api#2", ProcessFault.Kind.KILL, spec.faults().get(0).timing()), spec.faults().get(0));
        assertTrue(spec.faults().get(1) instanceof NetworkFault n && n.service().equals("api#1"), spec.faults().toString());
        Failover f = (Failover) spec.objectives().get(1);
        assertEquals(0.01, f.maxFailed(), 1e-12);
        assertEquals(Comparison.AT_MOST, f.comparison());
        assertEquals(Duration.ofSeconds(3), f.rerouteWithin());
    }

    @Test
    void mistakesNameTheFieldAndWhatWasExpected() {
        assertEquals("services.api.replicas", assertThrows(ConfigException.class, () -> load("replicas: 1", "")).field());
        assertEquals("services.api.balancer", assertThrows(ConfigException.class, () -> load("balancer: {fall: 2}", ""))
                .field(), "a balancer without replicas");
        assertEquals("services.api.balancer.fal", assertThrows(ConfigException.class,
                () -> load("replicas: 2\nbalancer: {fal: 2}", "")).field());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> load("replicas: 2\nbalancer: {program: /nonexistent/haproxy}", ""));
        assertEquals("services.api.replicas", missing.field());
        assertTrue(missing.getMessage().contains("install Debian's package 'haproxy' (apt-get install -y haproxy)"),
                missing.getMessage());
        ConfigException budget = assertThrows(ConfigException.class, () -> load("replicas: 2", """
                  - failover: "< lots"
                """));
        assertTrue(budget.getMessage().contains("'<= RATIO' such as '<= 1%'"), budget.getMessage());
        assertThrows(ConfigException.class, () -> load("", """
                  - errors: < 2%
                    rerouteWithin: 3s
                """));
    }

    @Test
    void replicasRunOnLocalProcessesOnlyAndSayWhereElse() throws IOException {
        Path f = dir.resolve("containers.yaml");
        Files.writeString(f, """
                name: c
                kind: containers
                services:
                  api:
                    image: local/api:1
                    underTest: true
                    replicas: 2
                    health: /health
                load:
                  simulation: BaselineSimulation
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of()));
        assertEquals("services.api.replicas", e.field());
        assertTrue(e.getMessage().contains("kind: local only (not on containers yet)"), e.getMessage());
        Files.writeString(f, Files.readString(f).replace("replicas: 2", "replicas: null"));
        assertEquals(List.of("api"), GateSpecs.load(f, Map.of()).environment().services().stream()
                .map(ServiceSpec::name).toList(), "replicas: null in an extending file takes them away again");
    }

    @Test
    void theBalancersProgramIsFoundOnThePathOrInDebiansSbin() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = Files.writeString(bin.resolve("lb"), "#!/bin/sh\n");
        assertTrue(fake.toFile().setExecutable(true));
        assertEquals(fake, Balancer.find("lb", bin.toString()).orElseThrow());
        assertTrue(Balancer.find("no-such-balancer", bin.toString()).isEmpty());
        assertEquals(fake, Balancer.find(fake.toString(), null).orElseThrow(), "a path is taken as it is");
    }
}
