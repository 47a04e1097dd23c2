package dev.gauntlet.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Services start as soon as what they need is ready: together when they need nothing of each other. */
class StartedServicesTest {
    private static ServiceSpec spec(String name, List<String> dependsOn, String... command) {
        return new ServiceSpec(name, List.of(command.length == 0 ? new String[] {"run"} : command), "/health", Map.of(),
                name.equals("api"), dependsOn, Duration.ofSeconds(5));
    }

    private static RunningService running(ServiceSpec s) {
        return new RunningService(s.name(), URI.create("http://127.0.0.1:1"), Path.of(s.name() + ".log"), 1);
    }

    @Test
    void servicesThatNeedNothingOfEachOtherStartTogetherAndADependentWaitsForAllItNeeds() {
        // payments and db both wait until the other has begun: only a concurrent start gets past the latch
        CountDownLatch bothBegun = new CountDownLatch(2);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<ServiceSpec> specs = List.of(spec("payments", List.of()), spec("db", List.of()),
                spec("api", List.of("payments"), "api", "--db", "${services.db.url}"));
        StartedServices services = new StartedServices();
        services.startAll(specs, s -> {
            order.add("begin " + s.name());
            if (!s.name().equals("api")) {
                bothBegun.countDown();
                try {
                    assertTrue(bothBegun.await(5, TimeUnit.SECONDS), "started one after the other");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            order.add("ready " + s.name());
            return running(s);
        }, () -> { });
        assertEquals("begin api", order.get(4), "api begins after both are ready (db by its placeholder): " + order);
        assertEquals(List.of("payments", "db", "api"), services.all().stream().map(RunningService::name).toList());
        assertEquals("api", services.underTest().name());
        assertEquals(List.of("payments", "db"), StartedServices.needs(specs.get(2), specs));
    }

    @Test
    void aServiceThatCannotStartStopsEverythingAfterWhatIsStartingIsReadyAndItsDependentsNeverStart() {
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger closedEarly = new AtomicInteger(); // 1 + times closed when the slow service became ready
        List<String> begun = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch failed = new CountDownLatch(1);
        List<ServiceSpec> specs = List.of(spec("db", List.of()), spec("slow", List.of()), spec("api", List.of("db")));
        StartedServices services = new StartedServices();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> services.startAll(specs, s -> {
            begun.add(s.name());
            if (s.name().equals("db")) {
                failed.countDown();
                throw new IllegalStateException("db exited with code 1");
            }
            try {
                failed.await(5, TimeUnit.SECONDS);
                Thread.sleep(200); // still starting when db fails: closing must wait for it
            } catch (InterruptedException x) {
                throw new IllegalStateException(x);
            }
            closedEarly.compareAndSet(0, closed.get() + 1);
            return running(s);
        }, closed::incrementAndGet));
        assertEquals("db exited with code 1", e.getMessage());
        assertEquals(1, closed.get());
        assertEquals(1, closedEarly.get(), "closed while a service was still starting");
        assertTrue(!begun.contains("api"), "the dependent of a failed service never starts: " + begun);
    }
}
