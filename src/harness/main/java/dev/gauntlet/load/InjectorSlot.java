package dev.gauntlet.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Which injector of how many this load worker is ({@code -Dgauntlet.injector=K/N}), and its side of the start
 * barrier: it says it is ready ({@code ready} in its folder) and offers no load before the coordinator's go file
 * ({@code -Dgauntlet.go}) names the agreed start, which it then waits for.
 *
 * @param index 1-based
 * @param count injectors in all
 * @param ready the file this worker writes once its simulation is built
 * @param go    the file the coordinator writes (epoch millis of the start), or null for a lone worker
 * @param waitMillis how long to wait for the go before giving up, milliseconds
 */
record InjectorSlot(int index, int count, Path ready, Path go, long waitMillis) {
    /** The file name an injector writes when it is ready to start. */
    static final String READY = "ready";
    /** How long an injector waits for the go before it gives up (the coordinator stops it sooner on failure). */
    private static final long GIVE_UP_MILLIS = 300_000;
    /** The property that sets {@code waitMillis} (a lone worker started ahead of its load waits as long as the gate says). */
    static final String WAIT_PROPERTY = "gauntlet.goWithin";

    static final InjectorSlot ALONE = new InjectorSlot(1, 1, null, null, 0);

    static InjectorSlot fromProperties(Properties props, Path out) {
        String slot = props.getProperty("gauntlet.injector");
        String go = props.getProperty("gauntlet.go");
        if (slot == null || go == null) {
            return ALONE;
        }
        String[] kn = slot.split("/");
        return new InjectorSlot(Integer.parseInt(kn[0]), Integer.parseInt(kn[1]), out.resolve(READY), Path.of(go),
                Long.parseLong(props.getProperty(WAIT_PROPERTY, Long.toString(GIVE_UP_MILLIS))));
    }

    /** Says this injector is ready, then waits for the coordinator's start time and for that time itself. */
    void awaitStart() {
        if (go == null) {
            return;
        }
        try {
            Path tmp = ready.resolveSibling(READY + ".tmp");
            Files.writeString(tmp, Long.toString(System.currentTimeMillis()), StandardCharsets.UTF_8);
            Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            long giveUp = System.currentTimeMillis() + waitMillis;
            while (!Files.exists(go)) {
                if (System.currentTimeMillis() > giveUp) {
                    throw new IllegalStateException("injector " + index + " of " + count + ": no start from the "
                            + "coordinator within " + waitMillis / 1000 + " s");
                }
                Thread.sleep(2);
            }
            long start = Long.parseLong(Files.readString(go, StandardCharsets.UTF_8).trim());
            long wait = start - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("injector " + index + ": start barrier", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("injector " + index + " interrupted at the start barrier", e);
        }
    }
}
