package dev.gauntlet.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Class-data sharing for a Java service the gate starts, asked for with {@value #PLACEHOLDER} as an element of a local
 * service's command: the JVM maps the classes it loaded last time from an archive instead of reading, parsing and
 * verifying them from the jars (the reference system's WireMock-based Payments: healthy after 2.2 s → 0.95 s, JDK 17
 * alone on this machine). The first start records what a dynamic archive needs ({@code -XX:+RecordDynamicDumpInfo});
 * the gate's teardown has the running JVM dump it ({@code jcmd PID VM.cds dynamic_dump}, with the service's own JDK)
 * before it stops the service ({@link #dumpRunning}). Not at exit ({@code -XX:ArchiveClassesAtExit}): a JVM that dumps
 * as it exits takes seconds to stop, and a fault that stops the service mid-load would take effect that much late.
 * The next start checks the dump once ({@code -Xshare:on -version} with the same class path: a dump cut short is
 * refused) and uses it from then on. In the user's cache folder ({@link ClassDataArchive}), named by a digest of the
 * service's name, the JDK and every class-path file: a rebuilt jar or another JDK gets an archive of its own. The first
 * gate with these files only notes it saw them ({@code KEY.service.seen}, naming that gate's JVM): a CI machine that
 * starts afresh for every build runs one gate and would never start from the archive, so it neither records nor
 * dumps; the second gate records and dumps, the third starts from the archive. JDK 17 and later alike (no
 * {@code -XX:+AutoCreateSharedArchive}, which 17 lacks). CDS's own messages are off ({@code -Xlog:cds*=off}).
 *
 * <p>Nothing here can fail a start: a command without {@code -cp} (or {@code -classpath}, {@code --class-path}), a
 * class path with a folder of classes, no cache folder, {@code -Dgauntlet.cds=off} on the gate: the placeholder
 * becomes nothing and the service starts as before.
 */
public final class ServiceArchive {
    /** The command element that stands for the options. */
    public static final String PLACEHOLDER = "${cds}";
    private static final String ARCHIVE = ".service.jsa";
    private static final String DUMPING = ARCHIVE + ".tmp";
    private static final String SEEN = ".service.seen";
    /** This gate, as {@code KEY.service.seen} names it: its JVM's pid and start. */
    private static final String GATE = ProcessHandle.current().pid() + "@"
            + ProcessHandle.current().info().startInstant().map(Object::toString).orElse("");
    private static final String QUIET = "-Xlog:cds*=off";
    private static final String RECORD = "-XX:+RecordDynamicDumpInfo";
    /** Where the teardown has the service dump its archive: a system property of the service, read off its command. */
    static final String DUMP_TO = "-Dgauntlet.cds.dumpTo=";
    /** How long one dump may take before the teardown gives up on it (the service is stopped either way). */
    private static final Duration DUMP_LIMIT = Duration.ofSeconds(10);
    private static final int KEEP = 12;
    /** A dump not taken up this long after it was begun is dropped (its JVM was killed or is long gone). */
    private static final Duration STALE = Duration.ofMinutes(30);

    private ServiceArchive() {
    }

    /**
     * The options that take the place of {@value #PLACEHOLDER} in {@code command} (its other elements filled, the
     * placeholder left out) of service {@code service}: the archive when there is one, else what the teardown needs to
     * dump one ({@link #dumpRunning}).
     */
    public static List<String> options(String service, List<String> command) {
        if (ClassDataArchive.off()) {
            return List.of();
        }
        return options(service, command, ClassDataArchive.cacheFolder(), GATE);
    }

    /** As {@link #options(String, List)}, in {@code dir}, for the gate (its JVM) named {@code gate}. */
    static List<String> options(String service, List<String> command, Path dir, String gate) {
        Optional<String> classpath = classpath(command);
        if (dir == null || command.isEmpty() || classpath.isEmpty()) {
            return List.of();
        }
        List<Path> entries = Stream.of(classpath.get().split(java.io.File.pathSeparator)).filter(e -> !e.isBlank())
                .map(Path::of).toList();
        Optional<String> key = ClassDataArchive.key(new Workspace(Path.of(""), command.get(0), entries),
                List.of("service " + service));
        if (key.isEmpty()) {
            return List.of();
        }
        Path archive = dir.resolve(key.get() + ARCHIVE);
        if (Files.isReadable(archive) || takeUp(dir, key.get(), archive, command.get(0), classpath.get())) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", QUIET);
        }
        try {
            Files.createDirectories(dir);
            Path seen = dir.resolve(key.get() + SEEN);
            if (!Files.isRegularFile(seen) || Files.readString(seen).equals(gate)) {
                Files.writeString(seen, gate); // the first gate with these files: the next one records
                return List.of();
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        Path dump = dir.resolve(key.get() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + DUMPING);
        return List.of(RECORD, DUMP_TO + dump, QUIET);
    }

    /**
     * Has every process of {@code running} whose command asked for a dump ({@link #options}) and that still runs dump
     * its archive, side by side, each within {@link #DUMP_LIMIT}. Called by the teardown before it stops them; never
     * throws: a service that cannot dump (no {@code jcmd} beside its {@code java}, a JVM that refuses) is stopped as
     * before and dumps at a later gate.
     */
    public static void dumpRunning(Map<Process, List<String>> running) {
        List<Thread> dumps = new ArrayList<>();
        Set<String> keys = new HashSet<>(); // replicas of one service: one dump is enough
        running.forEach((process, command) -> {
            Optional<String> to = command.stream().filter(c -> c.startsWith(DUMP_TO)).findFirst()
                    .map(c -> c.substring(DUMP_TO.length()));
            if (to.isPresent() && command.contains(RECORD) && process.isAlive()
                    && keys.add(Path.of(to.get()).getFileName().toString().split("\\.")[0])) {
                Thread t = new Thread(() -> dump(command.get(0), process.pid(), Path.of(to.get())),
                        "gauntlet-cds-dump");
                t.start();
                dumps.add(t);
            }
        });
        for (Thread t : dumps) {
            try {
                t.join(DUMP_LIMIT.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** {@code jcmd PID VM.cds dynamic_dump FILE} with the JDK of {@code java}; a failed or partial dump is removed. */
    static boolean dump(String java, long pid, Path to) {
        Path bin = Path.of(java).getParent();
        String jcmd = bin == null ? "jcmd" : bin.resolve("jcmd").toString();
        if (bin != null && !Files.isExecutable(Path.of(jcmd))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "VM.cds", "dynamic_dump", to.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(DUMP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
            if (!p.isAlive() && p.exitValue() == 0 && Files.isRegularFile(to) && Files.size(to) > 0) {
                return true;
            }
        } catch (IOException e) {
            // no jcmd: nothing dumped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ClassDataArchive.deleteQuietly(to);
        return false;
    }

    /** The value of {@code -cp}, {@code -classpath} or {@code --class-path} (or {@code --class-path=…}). */
    static Optional<String> classpath(List<String> command) {
        for (int i = 1; i < command.size(); i++) {
            String c = command.get(i);
            if ((c.equals("-cp") || c.equals("-classpath") || c.equals("--class-path")) && i + 1 < command.size()) {
                return Optional.of(command.get(i + 1));
            }
            if (c.startsWith("--class-path=")) {
                return Optional.of(c.substring("--class-path=".length()));
            }
        }
        return Optional.empty();
    }

    /**
     * Takes up a dump a service left at a teardown as the archive, when the JVM accepts it; drops those it refuses and
     * old ones. Whether an archive is there now.
     */
    private static boolean takeUp(Path dir, String key, Path archive, String java, String classpath) {
        List<Path> dumps;
        try (Stream<Path> files = Files.list(dir)) {
            dumps = files.filter(f -> f.getFileName().toString().startsWith(key + ".")
                    && f.getFileName().toString().endsWith(DUMPING)).toList();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        for (Path dump : dumps) {
            if (accepted(java, classpath, dump)) {
                try {
                    Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    ClassDataArchive.deleteQuietly(dir.resolve(key + SEEN));
                    prune(dir);
                    return true;
                } catch (IOException | RuntimeException e) {
                    return Files.isReadable(archive);
                }
            }
            if (ClassDataArchive.modified(dump) < System.currentTimeMillis() - STALE.toMillis()) {
                ClassDataArchive.deleteQuietly(dump);
            }
        }
        return false;
    }

    /** Whether a JVM with {@code classpath} starts on {@code dump} as its archive ({@code -Xshare:on}: else it fails). */
    private static boolean accepted(String java, String classpath, Path dump) {
        try {
            Process p = new ProcessBuilder(java, "-XX:SharedArchiveFile=" + dump, "-Xshare:on", QUIET, "-cp",
                    classpath, "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** All but the newest service archives go; so do notes of a first gate no second one followed within a week. */
    private static void prune(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            long unused = System.currentTimeMillis() - ClassDataArchive.UNUSED.toMillis();
            all.stream().filter(f -> f.getFileName().toString().endsWith(SEEN) && ClassDataArchive.modified(f) < unused)
                    .forEach(ClassDataArchive::deleteQuietly);
            List<Path> archives = new ArrayList<>(all.stream()
                    .filter(f -> f.getFileName().toString().endsWith(ARCHIVE)).toList());
            archives.sort(Comparator.comparingLong(ClassDataArchive::modified).reversed());
            archives.stream().skip(KEEP).forEach(ClassDataArchive::deleteQuietly);
        } catch (IOException | RuntimeException e) {
            // a later start prunes
        }
    }
}
