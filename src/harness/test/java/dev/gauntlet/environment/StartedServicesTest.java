package dev.gauntlet.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Services start as soon as what they depend on is ready: side by side when independent, never before a dependency. */
class StartedServicesTest {
    private static ServiceSpec service(String name, boolean underTest, String... dependsOn) {
        return new ServiceSpec(name, List.of("x"), "/health", Map.of(), underTest, List.of(dependsOn), Duration.ofSeconds(1));
    }

    private static RunningService running(ServiceSpec s, int port) {
        return new RunningService(s.name(), URI.create("http://127.0.0.1:" + port), Path.of(s.name() + ".log"), port);
    }

    @Test
    void independentServicesStartSideBySideAndADependentAfterBoth() {
        List<ServiceSpec> specs = List.of(service("stub", false), service("db", false), service("api", true, "stub", "db"));
        CountDownLatch bothStarting = new CountDownLatch(2);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        StartedServices services = new StartedServices();
        services.startAll(specs, s -> {
            events.add("start " + s.name());
            if (!s.name().equals("api")) {
                bothStarting.countDown();
                try { // each waits for the other: a start one after the other would never get past here
                    assertTrue(bothStarting.await(10, TimeUnit.SECONDS), s.name() + " started alone");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                Map<String, String> seen = services.placeholders(s, new java.util.HashMap<>());
                assertEquals("http://127.0.0.1:1", seen.get("services.stub.url"), "api sees its dependencies: " + seen);
                assertEquals("2", seen.get("services.db.port"), "api sees its dependencies: " + seen);
            }
            events.add("ready " + s.name());
            return running(s, specs.indexOf(s) + 1);
        }, () -> events.add("close"));
        assertEquals(List.of("start api", "ready api"), events.subList(4, 6), "api started after both: " + events);
        assertEquals(List.of("stub", "db", "api"), services.all().stream().map(RunningService::name).toList(),
                "in the file's order");
        assertEquals("api", services.underTest().name());
    }

    @Test
    void aFailedStartStopsEverythingAndItsDependentsNeverStart() {
        List<ServiceSpec> specs = List.of(service("db", false), service("stub", false), service("api", true, "db"));
        IllegalStateException broken = new IllegalStateException("db could not start");
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean closed = new AtomicBoolean();
        Function<ServiceSpec, RunningService> start = s -> {
            if (s.name().equals("db")) {
                throw broken;
            }
            started.add(s.name());
            return running(s, 7);
        };
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> new StartedServices().startAll(specs, start, () -> closed.set(true)));
        assertSame(broken, thrown, "the start's own failure");
        assertTrue(closed.get(), "what was started is stopped");
        assertTrue(!started.contains("api"), "api depends on the database: never started " + started);
    }
}
