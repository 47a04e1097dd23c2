package dev.gauntlet.network;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A toxic that is on in a {@link TcpProxy}, with what it has done so far; which connections it hits is decided once
 * per connection, keeping the share hit at its fraction ({@link #hits}). {@code C} is the proxy's connection type.
 */
final class ActiveToxic<C> {
    final Toxic toxic;
    final long acceptedAtStart;
    final Set<C> drawn = ConcurrentHashMap.newKeySet();
    final Set<C> spared = ConcurrentHashMap.newKeySet();
    final Set<C> hit = ConcurrentHashMap.newKeySet();
    final AtomicLong chunks = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong minDelay = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong maxDelay = new AtomicLong(-1);
    final AtomicLong busyNanos = new AtomicLong();
    final AtomicLong acceptedNow;

    ActiveToxic(Toxic toxic, long acceptedAtStart) {
        this.toxic = toxic;
        this.acceptedAtStart = acceptedAtStart;
        this.acceptedNow = new AtomicLong(acceptedAtStart);
    }

    /**
     * Whether the toxic acts on {@code l}, decided once per connection: of the first n connections it meets it hits
     * ⌈fraction × n⌉, the first always. A share, not a draw: 50 % of a client's pool of three open connections is two,
     * never none by chance (a draw missed all three one time in eight, and the fault did not take effect).
     */
    boolean hits(C l) {
        if (drawn.contains(l)) { // every chunk of a connection asks: decided ones answer without the lock
            return true;
        }
        return !spared.contains(l) && decide(l);
    }

    private synchronized boolean decide(C l) {
        if (drawn.contains(l) || spared.contains(l)) {
            return drawn.contains(l);
        }
        long n = drawn.size() + spared.size() + 1L;
        boolean in = toxic.fraction() >= 1 || drawn.size() < Math.ceil(toxic.fraction() * n - 1e-9);
        (in ? drawn : spared).add(l);
        return in;
    }

    void hit(C l) {
        hit.add(l);
    }

    void delayed(long millis) {
        minDelay.accumulateAndGet(millis, Math::min);
        maxDelay.accumulateAndGet(millis, Math::max);
    }

    ToxicEffect effect() {
        long min = minDelay.get();
        return new ToxicEffect(toxic, hit.size(), chunks.get(), bytes.get(), min == Long.MAX_VALUE ? -1 : min,
                maxDelay.get(), busyNanos.get() / 1_000_000, acceptedNow.get() - acceptedAtStart);
    }
}
