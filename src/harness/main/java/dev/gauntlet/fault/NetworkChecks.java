package dev.gauntlet.fault;

import dev.gauntlet.network.Toxic;
import dev.gauntlet.network.ToxicEffect;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;

/**
 * Evidence that a network fault took effect: what the gate's TCP proxy counted while the toxic was on (chunks delayed,
 * bytes throttled or held, connections reset, closes delayed, connections cut) — it must have hit at least one
 * connection of the service's real traffic — and, for {@code down}, a connect to the proxy's port refused.
 */
final class NetworkChecks {
    private NetworkChecks() {
    }

    static String expected(NetworkFault f) {
        Toxic t = f.toxic();
        String share = t.fraction() < 1 ? String.format(Locale.ROOT, "%.0f %% of ", t.fraction() * 100) : "";
        String edge = "connections to " + f.service() + " through the proxy";
        return switch (t.kind()) {
            case LATENCY -> share + edge + " delayed " + t.latency().toMillis() + " ms"
                    + (t.jitter().isZero() ? "" : " ± " + t.jitter().toMillis() + " ms");
            case BANDWIDTH -> share + edge + " throttled to " + t.rate() / 1024.0 + " KB/s";
            case RESET -> share + edge + " reset";
            case BLACKHOLE -> share + edge + " accepted, nothing let through";
            case SLOW_CLOSE -> share + edge + " closed " + t.delay().toMillis() + " ms late";
            case DOWN -> edge + " refused";
        };
    }

    /**
     * Connects to the proxy's port, made at once after {@code down} was switched on: refused shows it. Up to three
     * tries 50 ms apart, as a connect the kernel completed while the listener was closing may still get through.
     */
    static String probeRefused(int port) {
        long t0 = System.nanoTime();
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                Thread.sleep(50);
            } catch (ConnectException e) {
                return String.format(Locale.ROOT, "connect to 127.0.0.1:%d refused at +%.2f s", port,
                        (System.nanoTime() - t0) / 1e9);
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * The fault's evidence from the proxy's count.
     *
     * @param refused for {@code down}, what the probe saw when refused, or null when the connect was accepted
     */
    static FaultEvidence evidence(NetworkFault f, ToxicEffect effect, String refused) {
        String observed = effect.describe();
        if (f.toxic().kind() == Toxic.Kind.DOWN) {
            return refused == null
                    ? FaultEvidence.notShown(expected(f), "a connect to the proxy was accepted; " + observed)
                    : FaultEvidence.shown(expected(f), refused + "; " + observed);
        }
        if (!effect.hitAny()) {
            return FaultEvidence.notShown(expected(f), observed + ": no connection of " + f.service()
                    + "'s clients was hit while the fault was on (does the client reach it through the proxy?)");
        }
        if (f.toxic().kind() == Toxic.Kind.LATENCY && effect.chunks() > 0 && effect.minDelay() < f.toxic().minDelayMillis()) {
            return FaultEvidence.notShown(expected(f), observed + ": a chunk was delayed less than "
                    + f.toxic().minDelayMillis() + " ms");
        }
        return FaultEvidence.shown(expected(f), observed);
    }
}
