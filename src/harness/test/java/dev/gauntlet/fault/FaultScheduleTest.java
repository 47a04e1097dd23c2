package dev.gauntlet.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.environment.Environment;
import dev.gauntlet.environment.ResourceProbe;
import dev.gauntlet.environment.RunningService;
import dev.gauntlet.environment.ServiceControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultScheduleTest {
    @TempDir
    Path dir;

    /** Records what was done to which service and when. */
    private final List<String> actions = Collections.synchronizedList(new ArrayList<>());

    /** A service whose start (a stop fault's revert) takes 1.5 s, or null. */
    private volatile String slowToStart;

    /** The services the faults' checks probe. */
    private final List<RunningService> services = new ArrayList<>();

    private final Environment environment = new Environment() {
        @Override
        public List<RunningService> services() {
            return List.copyOf(services);
        }

        @Override
        public RunningService underTest() {
            return null;
        }

        @Override
        public ServiceControl control(String service) {
            return new ServiceControl() {
                public void stop() { actions.add(service + " stop"); }
                public void start() {
                    actions.add(service + " start");
                    if (service.equals(slowToStart)) {
                        try {
                            Thread.sleep(1500); // a JVM restarted until healthy
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                public void pause() { actions.add(service + " pause"); }
                public void resume() { actions.add(service + " resume"); }
                public void kill() { actions.add(service + " kill"); }
            };
        }

        @Override
        public ResourceProbe resources(String service) {
            throw new UnsupportedOperationException("faults read no resources");
        }

        @Override
        public void close() {
        }
    };

    private Path announce(long start) throws Exception {
        Path file = dir.resolve("timeline.json");
        Files.writeString(file, "{\"timeline\": {\"startEpochMillis\": " + start + ", \"windows\": ["
                + "{\"name\": \"baseline\", \"start\": " + start + ", \"end\": " + (start + 300) + "},"
                + "{\"name\": \"outage\", \"start\": " + (start + 300) + ", \"end\": " + (start + 900) + "}]}}");
        return file;
    }

    private static FaultSpec fault(ProcessFault.Kind kind, String phase, long atMillis, Long durationMillis) {
        return new ProcessFault("payments", kind, new FaultTiming(phase, Duration.ofMillis(atMillis),
                durationMillis == null ? null : Duration.ofMillis(durationMillis)));
    }

    @Test
    void faultsFollowTheLoadClockAndTheirEdgesAreRecorded() throws Exception {
        long start = System.currentTimeMillis() + 200;
        FaultSchedule schedule = FaultSchedule.start(List.of(
                        fault(ProcessFault.Kind.STOP, "outage", 0, 200L),
                        fault(ProcessFault.Kind.PAUSE, "outage", 300, null)),
                environment, dir.resolve("timeline.json"), line -> { });
        announce(start);
        Thread.sleep(1300);
        schedule.close();
        assertEquals(List.of("payments stop", "payments start", "payments pause", "payments resume"), actions);
        List<FaultEdge> edges = schedule.edges();
        assertEquals(2, edges.size());
        FaultEdge stop = edges.get(0);
        assertEquals(start + 300, stop.scheduledStart());
        assertEquals(start + 500, stop.scheduledEnd());
        // not early; late by at most what a busy shared box may add (the ITs' reports show the real lateness)
        long onLate = stop.start() - stop.scheduledStart();
        long offLate = stop.end() - stop.scheduledEnd();
        assertTrue(onLate > -5 && onLate < 500, "on-edge on the load clock: " + stop);
        assertTrue(offLate > -5 && offLate < 500, "off-edge on the load clock: " + stop);
        FaultEdge pause = edges.get(1);
        assertEquals(start + 900, pause.scheduledEnd(), "without a duration a fault lasts to the end of its phase");
        assertNull(pause.error());
    }

    /**
     * Payments takes 1.5 s to start again after its stop; a pause of orders-db due meanwhile is switched on on time,
     * and the pause of payments due meanwhile waits for its start (one service's edges in order).
     */
    @Test
    void aSlowRevertDelaysItsOwnServiceOnly() throws Exception {
        slowToStart = "payments";
        long start = System.currentTimeMillis() + 200;
        FaultSchedule schedule = FaultSchedule.start(List.of(
                        fault(ProcessFault.Kind.STOP, "outage", 0, 100L),
                        new ProcessFault("orders-db", ProcessFault.Kind.PAUSE, new FaultTiming("outage",
                                Duration.ofMillis(300), Duration.ofMillis(200))),
                        fault(ProcessFault.Kind.PAUSE, "outage", 400, 100L)),
                environment, dir.resolve("timeline.json"), line -> { });
        announce(start);
        Thread.sleep(2800);
        schedule.close();
        FaultEdge db = schedule.edges().stream().filter(e -> e.service().equals("orders-db")).findFirst().orElseThrow();
        long dbLate = db.start() - db.scheduledStart();
        assertTrue(dbLate > -5 && dbLate < 500, "orders-db's pause on time, not after payments' start: " + db);
        FaultEdge pause = schedule.edges().stream().filter(e -> e.service().equals("payments")
                && e.kind().equals("pause")).findFirst().orElseThrow();
        assertTrue(pause.start() - pause.scheduledStart() > 1000, "payments' pause after its own start: " + pause);
        List<String> payments = actions.stream().filter(a -> a.startsWith("payments")).toList();
        assertEquals(List.of("payments stop", "payments start", "payments pause", "payments resume"), payments);
    }

    @Test
    void aRangedPhaseThatEndsEarlyMovesTheFaultsAfterIt() throws Exception {
        long start = System.currentTimeMillis() + 200;
        Path file = dir.resolve("timeline.json");
        FaultSchedule schedule = FaultSchedule.start(List.of(fault(ProcessFault.Kind.STOP, "outage", 0, 200L)),
                environment, file, line -> { });
        // the baseline may last up to 10 s: laid out at its maximum, the outage would start 10 s in
        Files.writeString(file, "{\"timeline\": {\"startEpochMillis\": " + start + ", \"windows\": ["
                + "{\"name\": \"baseline\", \"start\": " + start + ", \"end\": " + (start + 10_000)
                + ", \"ranged\": true, \"ended\": null},"
                + "{\"name\": \"outage\", \"start\": " + (start + 10_000) + ", \"end\": " + (start + 10_600) + "}]}}");
        Thread.sleep(300);
        Path tmp = dir.resolve("timeline.json.tmp"); // decided 300 ms in: the worker announces the moved phases
        Files.writeString(tmp, "{\"timeline\": {\"startEpochMillis\": " + start + ", \"windows\": ["
                + "{\"name\": \"baseline\", \"start\": " + start + ", \"end\": " + (start + 300)
                + ", \"ranged\": true, \"ended\": \"decided\"},"
                + "{\"name\": \"outage\", \"start\": " + (start + 300) + ", \"end\": " + (start + 900) + "}]}}");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Thread.sleep(1000);
        schedule.close();
        assertEquals(List.of("payments stop", "payments start"), actions, "on the moved clock, not 10 s in");
        assertEquals(start + 300, schedule.edges().get(0).scheduledStart());
    }

    @Test
    void closingRevertsWhatIsStillOn() throws Exception {
        long start = System.currentTimeMillis() + 500;
        FaultSchedule schedule = FaultSchedule.start(List.of(fault(ProcessFault.Kind.PAUSE, null, 0, 60_000L)),
                environment, announce(start), line -> { });
        Thread.sleep(800);
        schedule.close();
        assertEquals(List.of("payments pause", "payments resume"), actions);
        assertTrue(schedule.edges().get(0).end() > 0);
    }

    @Test
    void aFaultInAnUnknownPhaseIsRecordedAsAnError() throws Exception {
        FaultSchedule schedule = FaultSchedule.start(List.of(fault(ProcessFault.Kind.STOP, "spike", 0, 100L)),
                environment, dir.resolve("timeline.json"), line -> { });
        announce(System.currentTimeMillis() + 500); // after the start: a cold JVM may take longer than 500 ms to start it
        Thread.sleep(800);
        schedule.close();
        assertTrue(actions.isEmpty());
        assertTrue(schedule.edges().get(0).error().contains("no phase 'spike'"), schedule.edges().toString());
    }

    @Test
    void theTimelineOfAnEarlierRunInTheSameFolderIsIgnored() throws Exception {
        Path stale = announce(System.currentTimeMillis() - 60_000);
        FaultSchedule schedule = FaultSchedule.start(List.of(fault(ProcessFault.Kind.STOP, null, 0, 100L)),
                environment, stale, line -> { });
        Thread.sleep(300);
        schedule.close();
        assertTrue(actions.isEmpty(), "nothing may happen on the last run's clock: " + actions);
        assertTrue(schedule.edges().isEmpty());
    }

    @Test
    void eachFaultKeepsTheEvidenceOfWhetherItTookEffect() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        // the actions "succeed" (they only record), so nothing listens on the port: a stop shows, a pause does not
        services.add(new RunningService("payments", java.net.URI.create("http://127.0.0.1:" + closed), dir, 1));
        long start = System.currentTimeMillis() + 200;
        FaultSchedule schedule = FaultSchedule.start(List.of(
                        fault(ProcessFault.Kind.STOP, "outage", 0, 200L),
                        fault(ProcessFault.Kind.PAUSE, "outage", 300, null)),
                environment, dir.resolve("timeline.json"), line -> { });
        announce(start);
        Thread.sleep(1300);
        schedule.close();
        List<FaultEdge> edges = schedule.edges();
        FaultEvidence stop = edges.get(0).evidence();
        assertTrue(stop.tookEffect(), stop.toString());
        assertTrue(stop.observed().startsWith("connect to 127.0.0.1:" + closed + " refused at +0."), stop.observed());
        FaultEvidence pause = edges.get(1).evidence();
        assertEquals(false, pause.tookEffect(), pause.toString());
        assertEquals("connections to payments accepted but not answered", pause.expected());
        assertTrue(pause.observed().contains("connect refused"), pause.observed());
        assertNull(edges.get(1).error(), "the action itself did not fail");
    }
}
