package dev.gauntlet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code security.duringFaults}: the authorization probes run again while a fault is on; an authorization that fails
 * open only then is reported as held at rest and failed under the fault.
 */
class FaultProbesTest {
    private static final String FAULT = "stop on permissions at +0 s";

    /** The results at rest, then with the probes run while {@link #FAULT} was on (the API told it is down). */
    private static SecurityResults underFault(TodoApi api) throws Exception {
        return underFault(api, SecurityProbeKindsTest.spec(EnumSet.allOf(ProbeKind.class)), fault -> false);
    }

    /**
     * As above with the probes under the fault made by {@code spec}; waits until they ended (or the watcher said it
     * does not probe the fault).
     */
    private static SecurityResults underFault(TodoApi api, SecuritySpec spec, Predicate<String> onTheApi)
            throws Exception {
        SecurityResults atRest = HonestShapesTest.probe(api, SecurityProbeKindsTest.contracts(), spec);
        Set<String> on = ConcurrentHashMap.newKeySet();
        CountDownLatch ended = new CountDownLatch(1);
        FaultProbes probes = start(api, spec, on, onTheApi, line -> {
            if (line.contains("authorization probes while") || line.contains("not probed")) {
                ended.countDown();
            }
        });
        api.down(true);
        on.add(FAULT);
        assertTrue(ended.await(60, TimeUnit.SECONDS), "the probes under the fault end");
        SecurityResults r = probes.finish(atRest);
        on.clear();
        api.down(false);
        return r;
    }

    private static FaultProbes start(TodoApi api, SecuritySpec spec, Set<String> on, Predicate<String> onTheApi,
                                     Consumer<String> console) throws Exception {
        return FaultProbes.start(spec, SecurityProbeKindsTest.contracts(), ContractInputs.load(
                SecurityProbeKindsTest.contracts(), "todo-api", api.url()), "todo-api", api.url(), () -> Set.copyOf(on),
                onTheApi, console);
    }

    private static Status status(SecurityResults r, ProbeKind kind) {
        return r.objectives().stream().filter(o -> o.name().equals("security " + kind.title())).findFirst()
                .map(ObjectiveResult::status).orElseThrow();
    }

    @Test
    void authorizationThatFailsOpenOnlyUnderTheFaultIsToldApartFromWhatHeldAtRest() throws Exception {
        try (TodoApi api = new TodoApi(TodoApi.Flaw.FAIL_OPEN)) {
            SecurityResults r = underFault(api);
            List<ProbeResult> bola = r.failures().stream().filter(f -> f.kind() == ProbeKind.BOLA).toList();
            assertEquals(1, bola.size(), r.failures().toString());
            assertEquals(FAULT, bola.get(0).during());
            assertTrue(bola.get(0).reason().endsWith("(held at rest: it failed only while " + FAULT + " was on)"),
                    bola.get(0).reason());
            assertTrue(bola.get(0).key().endsWith(" while " + FAULT + " was on"), bola.get(0).key());
            assertEquals(Status.FAIL, status(r, ProbeKind.BOLA));
            SecurityResults.UnderFault u = r.underFaults().get(0);
            assertEquals(FAULT, u.fault());
            assertTrue(u.probes() > 20 && u.failed() == 1 && u.failedOnlyUnderFault() == 1 && u.stillOn(), u.toString());
            assertEquals(Status.PASS, status(r, ProbeKind.VALIDATION), "only authorization probes run again");
        }
    }

    @Test
    void anApiThatHoldsUnderTheFaultPassesAgain() throws Exception {
        try (TodoApi api = new TodoApi()) {
            SecurityResults r = underFault(api);
            assertEquals(List.of(), r.failures().stream().map(ProbeResult::summary).toList());
            assertTrue(r.underFaults().get(0).probes() > 20, r.underFaults().toString());
            assertTrue(r.objectives().stream().allMatch(o -> o.status() == Status.PASS), r.objectives().toString());
        }
    }

    @Test
    void anApiThatFailsClosedWithA503WhileItsIdentityProviderIsDownPasses() throws Exception {
        try (TodoApi api = new TodoApi(TodoApi.Flaw.FAIL_CLOSED)) {
            SecurityResults r = underFault(api);
            assertEquals(List.of(), r.failures().stream().map(ProbeResult::summary).toList());
            assertTrue(r.underFaults().get(0).probes() > 10, r.underFaults().toString());
        }
    }

    @Test
    void aFaultOnTheApiItselfIsNotProbed() throws Exception {
        try (TodoApi api = new TodoApi()) {
            SecurityResults r = underFault(api, SecurityProbeKindsTest.spec(EnumSet.allOf(ProbeKind.class)),
                    FAULT::equals);
            assertEquals(List.of(), r.underFaults());
            assertTrue(r.notes().contains("security.duringFaults: " + FAULT + " not probed: the fault is on the API "
                    + "itself"), r.notes().toString());
        }
    }

    @Test
    void probesStopWhenTheFaultGoesOffAndAFaultAlreadyOffIsNotProbed() throws Exception {
        try (TodoApi api = new TodoApi()) {
            Set<String> on = ConcurrentHashMap.newKeySet();
            CountDownLatch ended = new CountDownLatch(1);
            String other = "delay on permissions at +0 s";
            FaultProbes probes = start(api, SecurityProbeKindsTest.spec(EnumSet.allOf(ProbeKind.class)), on,
                    f -> false, line -> {
                        if (line.startsWith("[gate] security: probing")) {
                            on.clear(); // both faults go off as the first one's probes start
                        } else if (line.contains("not probed")) {
                            ended.countDown();
                        }
                    });
            on.add(FAULT);
            on.add(other);
            assertTrue(ended.await(60, TimeUnit.SECONDS));
            SecurityResults r = probes.finish(SecurityProbeKindsTest.probe(api, EnumSet.of(ProbeKind.BOLA)));
            SecurityResults.UnderFault u = r.underFaults().get(0);
            String first = u.fault();
            String second = first.equals(FAULT) ? other : FAULT;
            assertFalse(u.stillOn(), u.toString());
            assertTrue(r.notes().contains("security.duringFaults: " + first + " went off before its probes ended: the "
                    + "rest were not run"), r.notes().toString());
            assertTrue(r.notes().contains("security.duringFaults: " + second + " not probed: it went off before its "
                    + "probes could start"), r.notes().toString());
            assertEquals(1, r.underFaults().size());
        }
    }

    @Test
    void notesAndCutsOfTheProbesUnderAFaultAreKept() throws Exception {
        List<Identity> withoutRoles = SecurityProbeKindsTest.IDENTITIES.stream()
                .map(i -> new Identity(i.name(), i.headers(), List.of())).toList();
        SecuritySpec small = new SecuritySpec(true, EnumSet.allOf(ProbeKind.class), withoutRoles, List.of(), 6,
                Duration.ofSeconds(60));
        try (TodoApi api = new TodoApi()) {
            SecurityResults r = underFault(api, small, f -> false);
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("while " + FAULT + " was on: function-level "
                    + "authorization probes need 'roles:'")), r.notes().toString());
            assertTrue(r.kinds().stream().mapToInt(SecurityResults.Kind::cut).sum() > 0, r.kinds().toString());
        }
    }

    @Test
    void finishingStopsSendingAtOnceAndDropsTheProbeCutShort() throws Exception {
        try (TodoApi api = new TodoApi(TodoApi.Flaw.HANG)) {
            SecurityResults atRest = SecurityProbeKindsTest.probe(api, EnumSet.of(ProbeKind.BOLA));
            Set<String> on = ConcurrentHashMap.newKeySet();
            FaultProbes probes = start(api, SecurityProbeKindsTest.spec(EnumSet.allOf(ProbeKind.class)), on,
                    f -> false, line -> { });
            int before = api.received();
            api.down(true);
            on.add(FAULT);
            for (int i = 0; i < 500 && api.received() == before; i++) { // a probe's request held by the hanging API
                Thread.sleep(20);
            }
            assertTrue(api.received() > before, "the probes reach the hanging API");
            SecurityResults r = probes.finish(atRest);
            int sent = api.received();
            api.release();
            Thread.sleep(300); // the probes would send their next request now if they had not stopped
            assertEquals(sent, api.received(), "nothing is sent after finish");
            assertEquals(List.of(), r.failures().stream().map(ProbeResult::summary).toList(),
                    "the probe cut short is dropped, not failed");
            api.down(false);
        }
    }

    @Test
    void theBaselineJudgesFindingsUnderFaultsAndNotesOnlyWhatNeitherRunMade() throws Exception {
        String key = ProbeKind.BOLA.field() + " PUT /todos/{id} as bob on a resource of alice while " + FAULT
                + " was on";
        Baseline baseline = new Baseline(Path.of("baseline.yaml"), List.of(
                new Baseline.Entry(key, "permissions cache fix in TODO-7", LocalDate.of(2999, 1, 1)),
                new Baseline.Entry("bola GET /todos/{id} as bob on a resource of alice", "fixed", LocalDate.of(2999,
                        1, 1))));
        SecuritySpec spec = new SecuritySpec(true, EnumSet.allOf(ProbeKind.class), SecurityProbeKindsTest.IDENTITIES,
                List.of(), 400, Duration.ofSeconds(60), baseline, true);
        try (TodoApi api = new TodoApi(TodoApi.Flaw.FAIL_OPEN)) {
            SecurityResults r = underFault(api, spec, f -> false);
            assertEquals(List.of(key), r.failures().stream().map(ProbeResult::key).toList());
            assertTrue(r.failures().get(0).accepted().startsWith("permissions cache fix"), r.failures().toString());
            assertEquals(Status.WARN, status(r, ProbeKind.BOLA));
            List<String> unmatched = r.notes().stream().filter(n -> n.startsWith("security.baseline lists")).toList();
            assertEquals(1, unmatched.size(), unmatched.toString());
            assertTrue(unmatched.get(0).contains("'bola GET /todos/{id}"), unmatched.toString());
        }
    }
}
