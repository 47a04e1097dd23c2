package dev.gauntlet.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A fault kind's name in environment files and reports: its constant's name in lower case. */
final class Labels {
    private Labels() {
    }

    static String of(Enum<?> kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> Optional<E> find(E[] kinds, String label) {
        return Arrays.stream(kinds).filter(k -> of(k).equals(label)).findFirst();
    }
}
