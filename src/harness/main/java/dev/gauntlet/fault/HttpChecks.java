package dev.gauntlet.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Evidence that an HTTP fault on a WireMock service took effect: a probe request through the faulted path while the
 * fault is on (delayed, answered with the injected status, reset, garbled), and the server's request journal for
 * the window the fault was on (which stub answered each request that matters, and with what delay).
 */
final class HttpChecks {
    static final String PROBE_PATH = "/__gauntlet/fault-probe";
    /** A request journaled this soon after the fault's stubs were in place may have been matched before them. */
    static final long SETTLE_MILLIS = 100;

    private HttpChecks() {
    }

    static String expected(HttpFault f) {
        String share = f.fraction() < 1 ? percent(f.fraction()) + " of " : "";
        return switch (f.kind()) {
            case LATENCY -> share + "requests to " + f.service() + " delayed >= " + f.latency().toMillis() + " ms";
            case ERRORS -> share + "requests to " + f.service() + " answered " + f.status();
            case RESET -> share + "connections to " + f.service() + " reset";
            case MALFORMED -> share + "answers from " + f.service() + " malformed";
        };
    }

    /** How the request journal's hits are described: {@code 12 of 14 requests to payments ...}. */
    private static String hits(HttpFault f) {
        return switch (f.kind()) {
            case LATENCY -> "delayed >= " + f.latency().toMillis() + " ms";
            case ERRORS -> "answered " + f.status();
            case RESET -> "reset";
            case MALFORMED -> "answered malformed";
        };
    }

    /**
     * How a probe answered after {@code millis} with {@code status} and {@code body} shows the fault
     * ({@code answered 503 (the injected error)}), or null when it does not.
     */
    private static String shownByAnswer(HttpFault f, int status, String body, long millis) {
        return switch (f.kind()) {
            case LATENCY -> millis >= f.latency().toMillis() ? "answered after " + millis + " ms" : null;
            case ERRORS -> status == f.status() && body.contains("injected by gauntlet")
                    ? "answered " + status + " (the injected error)" : null;
            case RESET, MALFORMED -> null;
        };
    }

    /** Whether a probe left unanswered for {@code millis} shows the fault. */
    private static boolean shownByTimeout(HttpFault f, long millis) {
        return switch (f.kind()) {
            case LATENCY -> millis >= f.latency().toMillis();
            case ERRORS, RESET, MALFORMED -> false;
        };
    }

    /** Whether a probe that failed (connection reset, garbled answer) shows the fault. */
    private static boolean shownByFailure(HttpFault f) {
        return switch (f.kind()) {
            case RESET, MALFORMED -> true;
            case LATENCY, ERRORS -> false;
        };
    }

    /** What the probes saw: whether one showed the fault, and what the last one got. */
    record Probe(boolean shown, String observed) {
    }

    /**
     * Probes the faulted path until one probe shows the fault: at most one full cycle of the fault's stubs (so a
     * {@code fraction} below 100 % is met at least once), and no new probe after {@code until} (the planned off-edge).
     */
    static Probe probe(HttpFault f, URI base, long on, long until) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long budget = f.maxDelay().toMillis() + 5000;
        HttpRequest request = HttpRequest.newBuilder(base.resolve(PROBE_PATH)).timeout(Duration.ofMillis(budget))
                .header(WireMockFaults.PROBE, f.kind().label()).GET().build();
        String observed = "no probe was sent";
        for (int attempt = 1; attempt <= WireMockFaults.CYCLE + 1; attempt++) {
            long t = System.currentTimeMillis();
            if (attempt > 1 && t >= until) {
                break;
            }
            String at = ProcessChecks.after(on, t);
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                String shown = shownByAnswer(f, r.statusCode(), r.body(), ms);
                if (shown != null) {
                    return new Probe(true, "probe at " + at + " " + shown);
                }
                observed = "probe at " + at + " answered " + r.statusCode() + " after " + ms + " ms";
            } catch (HttpTimeoutException e) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (shownByTimeout(f, ms)) {
                    return new Probe(true, "probe at " + at + " unanswered for " + ms + " ms");
                }
                observed = "probe at " + at + " timed out after " + ms + " ms";
            } catch (ConnectException e) {
                observed = "probe at " + at + ": connect refused";
            } catch (IOException e) {
                if (shownByFailure(f)) {
                    return new Probe(true, "probe at " + at + " failed as injected: " + message(e));
                }
                observed = "probe at " + at + " failed: " + message(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Probe(false, "the probe was interrupted (the gate was stopping)");
            }
        }
        return new Probe(false, observed);
    }

    /**
     * The requests that matter in the journal: neither probes nor the requests the fault stubs proxy back, received
     * between {@code from} and {@code to}.
     *
     * @param requests  how many
     * @param hit       answered by a stub that injects the fault
     * @param passed    let through by the fault's stubs (outside its {@code fraction})
     * @param delayed   hit with a delay of at least the fault's latency (WireMock's own figure)
     * @param bypassed  answered by anything else: the fault was not in force for them
     * @param example   one bypassed request, or null
     */
    record Count(int requests, int hit, int passed, int delayed, int bypassed, String example) {
    }

    static Count count(JsonNode journal, WireMockFaults.Applied applied, long from, long to, long minDelayMillis) {
        int requests = 0;
        int hit = 0;
        int passed = 0;
        int delayed = 0;
        int bypassed = 0;
        String example = null;
        for (JsonNode e : journal) {
            JsonNode request = e.path("request");
            long t = request.path("loggedDate").asLong();
            if (t < from || t > to || hasHeader(request.path("headers"), WireMockFaults.MARK)
                    || hasHeader(request.path("headers"), WireMockFaults.PROBE)) {
                continue;
            }
            requests++;
            String stub = e.path("stubMapping").path("id").asText("");
            if (applied.faultStubs().contains(stub)) {
                hit++;
                if (e.path("timing").path("addedDelay").asLong() >= minDelayMillis) {
                    delayed++;
                }
            } else if (applied.passStubs().contains(stub)) {
                passed++;
            } else if (t < from + SETTLE_MILLIS) {
                requests--; // matched by the old stubs just before the fault's were in place, journaled just after
            } else {
                bypassed++;
                if (example == null) {
                    example = request.path("method").asText() + " " + request.path("url").asText() + " answered "
                            + e.path("response").path("status").asText("?") + " by "
                            + (e.path("wasMatched").asBoolean() ? "stub " + stub : "no stub");
                }
            }
        }
        return new Count(requests, hit, passed, delayed, bypassed, example);
    }

    /**
     * The fault's evidence: the probe must have shown it, and every request that matters in the journal must have
     * been answered by the fault's stubs (and, for latency, delayed as planned).
     *
     * @param count          the journal's count, or null when there is none
     * @param journalProblem why there is no count
     */
    static FaultEvidence evidence(HttpFault f, Probe probe, Count count, String journalProblem) {
        String expected = expected(f);
        if (count == null) {
            return new FaultEvidence(probe.shown(), expected, probe.observed() + "; " + journalProblem);
        }
        if (count.requests() == 0) {
            return new FaultEvidence(probe.shown(), expected, probe.observed() + "; no other request reached "
                    + f.service() + " while the fault was on (WireMock journal)");
        }
        boolean latency = f.kind().delays();
        int shown = latency ? count.delayed() : count.hit();
        StringBuilder o = new StringBuilder(probe.observed()).append("; ").append(shown).append(" of ")
                .append(count.requests()).append(" requests to ").append(f.service()).append(' ').append(hits(f))
                .append(" (WireMock journal)");
        if (count.passed() > 0) {
            o.append(", ").append(count.passed()).append(" let through (fraction ").append(percent(f.fraction())).append(')');
        }
        if (latency && count.delayed() < count.hit()) {
            o.append(", ").append(count.hit() - count.delayed()).append(" matched the fault with a shorter delay");
        }
        if (count.bypassed() > 0) {
            o.append(", ").append(count.bypassed()).append(" answered without the fault, e.g. ").append(count.example());
        }
        boolean tookEffect = probe.shown() && count.bypassed() == 0 && (!latency || count.delayed() == count.hit());
        return new FaultEvidence(tookEffect, expected, o.toString());
    }

    private static boolean hasHeader(JsonNode headers, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            if (it.next().getKey().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static String message(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.1f", p)) + " %";
    }
}
