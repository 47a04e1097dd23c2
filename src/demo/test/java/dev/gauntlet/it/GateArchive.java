package dev.gauntlet.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import dev.gauntlet.gate.Gate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A class-data archive of the gate JVM's own classes, shared by the suite's gates (test speed only: a user's
 * {@code java -jar gauntlet.jar gate} is started by the user). The suite starts some 75 gate JVMs, two at a time on a
 * CPU-bound 2-core machine; each reads, parses and verifies the same ~10,000 classes (Pact, Jackson, docker-java …).
 * The first gate of a JDK dumps them as it exits ({@code -XX:ArchiveClassesAtExit}); once it has exited with one of
 * the gate's exit codes, 0–3 (a gate killed mid-dump leaves nothing usable, and the next gate dumps again), the dump
 * becomes the archive and every later gate on that JDK maps it. CDS's messages are off, so no test sees them; a JVM
 * that cannot use the archive starts as before. {@code -Dgauntlet.it.cds=off} turns it off.
 */
final class GateArchive {
    private static final Path DIR = Path.of("target/it/cds");
    private static final String QUIET = "-Xlog:cds*=off";
    /** Per JDK: the gate that dumps now, and where. */
    private static final Map<String, Dumping> DUMPING = new HashMap<>();

    private record Dumping(Process gate, Path to) {
    }

    private GateArchive() {
    }

    /** The options of a gate JVM started with {@code java}; {@link #started} must be told of the process. */
    static synchronized List<String> options(String java) {
        if ("off".equals(System.getProperty("gauntlet.it.cds")) || !Files.exists(GauntletProcess.JAR)) {
            return List.of();
        }
        Path archive = archive(java);
        if (Files.isReadable(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, QUIET);
        }
        Dumping d = DUMPING.get(java);
        if (d != null && (d.gate() == null || d.gate().isAlive())) {
            return List.of(); // another gate dumps: this one starts as before
        }
        if (d != null && d.gate().exitValue() <= Gate.ENVIRONMENT_FAILED && taken(d.to(), archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, QUIET);
        }
        try {
            Files.createDirectories(DIR);
        } catch (IOException e) {
            return List.of();
        }
        Path to = DIR.resolve(archive.getFileName() + "." + System.nanoTime() + ".tmp");
        DUMPING.put(java, new Dumping(null, to));
        return List.of("-XX:ArchiveClassesAtExit=" + to, QUIET);
    }

    /** Tells which process got the options of {@link #options}: the dumping one is watched. */
    static synchronized void started(String java, List<String> options, Process gate) {
        Dumping d = DUMPING.get(java);
        if (d != null && d.gate() == null && options.contains("-XX:ArchiveClassesAtExit=" + d.to())) {
            DUMPING.put(java, new Dumping(gate, d.to()));
        }
    }

    private static boolean taken(Path dump, Path archive) {
        try {
            if (Files.isRegularFile(dump) && Files.size(dump) > 0) {
                Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
        } catch (IOException e) {
            // started without it
        }
        return false;
    }

    /** One archive per JDK and gate jar (its size and time). */
    private static Path archive(String java) {
        String key;
        try {
            key = java + "|" + Files.size(GauntletProcess.JAR) + "|" + Files.getLastModifiedTime(GauntletProcess.JAR);
        } catch (IOException e) {
            key = java;
        }
        return DIR.resolve("gate-" + Integer.toHexString(key.hashCode()) + ".jsa");
    }
}
