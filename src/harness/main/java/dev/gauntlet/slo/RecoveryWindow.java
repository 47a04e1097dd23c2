package dev.gauntlet.slo;

import dev.gauntlet.fault.FaultEdge;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How long the recovery after one fault can be watched: from its off-edge until the next fault begins. A fault that
 * is still on when this one ends, or one that begins later, changes what the API does, so whatever is measured after
 * that instant is no longer the recovery from this fault. Faults that overlap are recovered from together: a fault
 * that ends while another is still on is judged from the off-edge of the one that ends last ({@link #judgedFrom}).
 */
final class RecoveryWindow {
    private RecoveryWindow() {
    }

    /**
     * The fault that ends the window, and when.
     *
     * @param fault the next fault (or one still on when {@code f} ended)
     * @param at    epoch millis from which the measurements are no longer about {@code f}'s recovery
     */
    record Next(FaultEdge fault, long at) {
        String what() {
            return fault.service() + " " + fault.kind();
        }
    }

    /**
     * The earliest instant at or after {@code f}'s off-edge at which another fault that really happened (no error) is
     * on, or null when none is: the recovery from {@code f} can then be watched until the load ends.
     */
    static Next next(FaultEdge f, List<FaultEdge> all) {
        Next next = null;
        for (FaultEdge g : all) {
            if (g == f || g.error() != null || g.start() <= 0) {
                continue;
            }
            long at;
            if (g.start() >= f.end()) {
                at = g.start();
            } else if (g.end() == 0 || g.end() > f.end()) {
                at = f.end(); // still on when f ended: nothing after f's end is f's recovery alone
            } else {
                continue; // over before f ended
            }
            if (next == null || at < next.at()) {
                next = new Next(g, at);
            }
        }
        return next;
    }

    /**
     * The fault whose off-edge the recovery from {@code f} is measured from: {@code f} itself, or, when another fault
     * that really happened was still on when {@code f} ended and was switched off later, that one (the one that ended
     * last; followed on, as it may itself end inside another). The API cannot recover from {@code f} alone while the
     * other fault is on, so the recovery from both is watched from the later off-edge.
     */
    static FaultEdge judgedFrom(FaultEdge f, List<FaultEdge> all) {
        FaultEdge from = f;
        boolean moved = true;
        while (moved) { // each move ends later: it stops
            moved = false;
            for (FaultEdge g : all) {
                if (g != from && g.error() == null && g.start() > 0 && g.end() > 0 && g.start() < from.end()
                        && g.end() > from.end()) {
                    from = g;
                    moved = true;
                }
            }
        }
        return from;
    }

    /**
     * Whether a recovery within {@code limit} would have been seen before {@code next} began: a healthy run of
     * {@code stableSeconds} starting at the limit still fits before it. If not, a recovery that was not seen says
     * nothing about this fault.
     */
    static boolean longEnough(FaultEdge f, Next next, Duration limit, int stableSeconds) {
        return next.at() - f.end() >= limit.toMillis() + stableSeconds * 1000L;
    }

    /** Why the recovery could not be judged, for the WARN result. */
    static String cutShort(FaultEdge f, Next next, Duration limit, int stableSeconds) {
        long gap = next.at() - f.end();
        String when = next.fault().start() < f.end()
                ? next.what() + " was still on when this fault ended"
                : String.format(Locale.ROOT, "%s began %.1f s after this fault ended", next.what(), gap / 1000.0);
        return String.format(Locale.ROOT, "recovery could not be judged: %s, before %d s in a row could show the API "
                        + "healthy within the %d s limit (recovery is judged only until the next fault begins)", when,
                stableSeconds, limit.toSeconds());
    }
}
