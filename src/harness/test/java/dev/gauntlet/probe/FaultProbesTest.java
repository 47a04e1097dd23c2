package dev.gauntlet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code security.duringFaults}: the authorization probes run again while a fault is on; an authorization that fails
 * open only then is reported as held at rest and failed under the fault.
 */
class FaultProbesTest {
    private static final String FAULT = "stop on permissions at +0 s";

    /** The results at rest, then with the probes run while {@link #FAULT} was on (the API told it is down). */
    private static SecurityResults underFault(TodoApi api) throws Exception {
        SecurityResults atRest = SecurityProbeKindsTest.probe(api, EnumSet.allOf(ProbeKind.class));
        Set<String> on = ConcurrentHashMap.newKeySet();
        CountDownLatch probing = new CountDownLatch(1);
        FaultProbes probes = FaultProbes.start(SecurityProbeKindsTest.spec(EnumSet.allOf(ProbeKind.class)),
                SecurityProbeKindsTest.contracts(), ContractInputs.load(SecurityProbeKindsTest.contracts(), "todo-api",
                        api.url()), "todo-api", api.url(), () -> Set.copyOf(on), fault -> false, line -> probing.countDown());
        api.down(true);
        on.add(FAULT);
        assertTrue(probing.await(10, TimeUnit.SECONDS), "the watcher sees the fault on");
        SecurityResults r = probes.finish(atRest); // waits for the probes under way
        on.clear();
        api.down(false);
        return r;
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
}
