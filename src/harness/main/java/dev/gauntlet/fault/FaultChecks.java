package dev.gauntlet.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the checks that show each fault took effect beside the schedule, so that a probe (which may wait out an
 * injected delay or a frozen service) never makes the next fault late.
 */
final class FaultChecks implements AutoCloseable {
    /** Margin at the off-edge: a request received this close to the revert may already miss the fault's stubs. */
    private static final long EDGE_MARGIN_MILLIS = 100;

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gauntlet-fault-check");
        t.setDaemon(true);
        return t;
    });

    /** A check in progress: it is complete once its fault has been reverted. */
    interface Check {
        /** @param revertStart epoch millis at which reverting the fault began */
        CompletableFuture<FaultEvidence> finish(long revertStart);
    }

    /** A check whose evidence is known already. */
    static Check done(FaultEvidence evidence) {
        CompletableFuture<FaultEvidence> f = CompletableFuture.completedFuture(evidence);
        return revertStart -> f;
    }

    /**
     * A process-level fault: probed through the service's port at once, while the fault is on (or, for a momentary
     * one, once the action returned).
     */
    Check process(ProcessFault f, URI url, long on, long until, String before, Supplier<String> after) {
        CompletableFuture<FaultEvidence> evidence = CompletableFuture.supplyAsync(
                () -> ProcessChecks.evidence(f, url, on, until, before, after), pool);
        return revertStart -> evidence;
    }

    /** An HTTP fault: probed at once; the request journal for the whole window is read once it is reverted. */
    Check http(HttpFault f, WireMockFaults wireMock, WireMockFaults.Applied applied, URI base, long on, long until) {
        CompletableFuture<HttpChecks.Probe> probe = CompletableFuture.supplyAsync(() -> HttpChecks.probe(f, base, on, until), pool);
        return revertStart -> probe.thenApplyAsync(p -> {
            if (f.kind().delays()) {
                // a delayed request is journaled when it is done: wait until the last one of the window is
                sleepUntil(revertStart + f.maxDelay().toMillis() + 500);
            }
            HttpChecks.Count count = null;
            String problem = null;
            try {
                JsonNode journal = wireMock.journal(on);
                if (journal == null) {
                    problem = "WireMock keeps no request journal here (--no-request-journal): the probe is the only evidence";
                } else {
                    count = HttpChecks.count(journal, applied, on, revertStart - EDGE_MARGIN_MILLIS,
                            f.minDelay().toMillis());
                }
            } catch (RuntimeException e) {
                problem = "the request journal could not be read: " + e.getMessage();
            }
            return HttpChecks.evidence(f, p, count, problem);
        }, pool);
    }

    private static void sleepUntil(long epochMillis) {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the checks that are still running (their faults then have no evidence). */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
