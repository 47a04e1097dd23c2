package dev.gauntlet.fault;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Probes that show a process-level fault took effect, through a plain socket to the service's port: a stopped or
 * killed service refuses connections, a paused one accepts them but never answers, a restarted one is a new
 * instance that answers again.
 */
final class ProcessChecks {
    /** How long one connect may take on loopback. */
    private static final int CONNECT_MILLIS = 1000;
    /** How long a stop or kill is given to show (the action returns when it is done; this covers slow teardowns). */
    private static final long REFUSAL_WINDOW_MILLIS = 2000;

    private ProcessChecks() {
    }

    static String expected(ProcessFault f) {
        return switch (f.kind()) {
            case STOP, KILL -> "connections to " + f.service() + " refused";
            case PAUSE -> "connections to " + f.service() + " accepted but not answered";
            case RESTART -> f.service() + " replaced by a new instance that answers";
        };
    }

    /** Whether the check compares the instance before the action with the one after ({@link #replaced}). */
    static boolean comparesInstances(ProcessFault f) {
        return switch (f.kind()) {
            case RESTART -> true;
            case STOP, PAUSE, KILL -> false;
        };
    }

    /**
     * The evidence that {@code f} took effect, probed through the service's port once the action has returned.
     *
     * @param on     when the action returned (epoch millis)
     * @param until  the planned off-edge
     * @param before the instance before the action, for a kind that {@link #comparesInstances compares instances}
     * @param after  the instance now
     */
    static FaultEvidence evidence(ProcessFault f, URI url, long on, long until, String before, Supplier<String> after) {
        return switch (f.kind()) {
            case STOP, KILL -> refused(f, url, on, until);
            case PAUSE -> silent(f, url, on, Math.min(1000, Math.max(100, (until - on) / 2)));
            case RESTART -> replaced(f, url, on, before, after.get());
        };
    }

    /**
     * Stop and kill: connects until one is refused, for at most 2 s and not past {@code until} (the planned
     * off-edge); at least once.
     */
    static FaultEvidence refused(ProcessFault f, URI url, long on, long until) {
        long deadline = Math.min(on + REFUSAL_WINDOW_MILLIS, until - 50);
        int attempts = 0;
        String last;
        do {
            attempts++;
            long t = System.currentTimeMillis();
            try (Socket s = new Socket()) {
                s.connect(address(url), CONNECT_MILLIS);
                last = "connect accepted";
            } catch (ConnectException e) {
                return FaultEvidence.shown(expected(f), String.format(Locale.ROOT, "connect to %s:%d refused at %s",
                        url.getHost(), url.getPort(), after(on, t)));
            } catch (SocketTimeoutException e) {
                return FaultEvidence.shown(expected(f), String.format(Locale.ROOT,
                        "connect to %s:%d not accepted within %d ms at %s", url.getHost(), url.getPort(), CONNECT_MILLIS,
                        after(on, t)));
            } catch (IOException e) {
                last = "connect failed: " + e;
            }
        } while (System.currentTimeMillis() < deadline && pause(50));
        return FaultEvidence.notShown(expected(f), String.format(Locale.ROOT, "%s:%d still %s at %s (%d attempt%s)",
                url.getHost(), url.getPort(), last, after(on, System.currentTimeMillis()), attempts, attempts == 1 ? "" : "s"));
    }

    /**
     * Pause: a connect is accepted and a request left unanswered for {@code silenceMillis}.
     */
    static FaultEvidence silent(ProcessFault f, URI url, long on, long silenceMillis) {
        long t = System.currentTimeMillis();
        try (Socket s = new Socket()) {
            try {
                s.connect(address(url), CONNECT_MILLIS);
            } catch (IOException e) {
                return FaultEvidence.notShown(expected(f), "connect " + (e instanceof ConnectException ? "refused" : "failed: " + e)
                        + " at " + after(on, t) + " (a frozen service still accepts connections)");
            }
            Answer a = request(s, url, silenceMillis);
            if (a.line == null && a.timedOut) {
                return FaultEvidence.shown(expected(f), String.format(Locale.ROOT,
                        "connect accepted at %s, GET / unanswered for %d ms", after(on, t), a.millis));
            }
            return FaultEvidence.notShown(expected(f), String.format(Locale.ROOT, "GET / sent at %s %s after %d ms",
                    after(on, t), a.line == null ? "got the connection closed" : "answered '" + a.line + "'", a.millis));
        } catch (IOException e) {
            return FaultEvidence.notShown(expected(f), "probe failed at " + after(on, t) + ": " + e);
        }
    }

    /** Restart: the instance changed and the service answers a request again. */
    static FaultEvidence replaced(ProcessFault f, URI url, long on, String before, String after) {
        Answer a;
        try (Socket s = new Socket()) {
            s.connect(address(url), CONNECT_MILLIS);
            a = request(s, url, 5000);
        } catch (IOException e) {
            return FaultEvidence.notShown(expected(f), "after the restart, " + url + " did not answer: " + e);
        }
        String answered = a.line == null ? null : "GET / answered '" + a.line + "' after the restart";
        String instances = before == null || after == null ? "which instance runs is not known"
                : before.equals(after) ? "still " + before : before + " replaced by " + after;
        if (answered != null && (before == null || after == null || !before.equals(after))) {
            return FaultEvidence.shown(expected(f), instances + "; " + answered);
        }
        return FaultEvidence.notShown(expected(f), instances + "; " + (answered != null ? answered
                : "GET / " + (a.timedOut ? "unanswered for " + a.millis + " ms" : "got the connection closed")));
    }

    /** The first line of the answer to {@code GET /}, or null (timed out or closed), and how long it took. */
    private record Answer(String line, boolean timedOut, long millis) {
    }

    private static Answer request(Socket s, URI url, long timeoutMillis) throws IOException {
        long t = System.nanoTime();
        s.setSoTimeout((int) Math.max(1, timeoutMillis));
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nX-Gauntlet-Probe: 1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        StringBuilder line = new StringBuilder();
        InputStream in = s.getInputStream();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\r' && c != '\n' && line.length() < 200) {
                line.append((char) c);
            }
            return new Answer(line.length() == 0 ? null : line.toString(), false, (System.nanoTime() - t) / 1_000_000);
        } catch (SocketTimeoutException e) {
            return new Answer(line.length() == 0 ? null : line.toString(), true, (System.nanoTime() - t) / 1_000_000);
        } catch (IOException e) {
            return new Answer(null, false, (System.nanoTime() - t) / 1_000_000);
        }
    }

    private static InetSocketAddress address(URI url) {
        return new InetSocketAddress(url.getHost(), url.getPort());
    }

    /** {@code +0.03 s} after the on-edge. */
    static String after(long on, long t) {
        return String.format(Locale.ROOT, "+%.2f s", Math.max(0, t - on) / 1000.0);
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
