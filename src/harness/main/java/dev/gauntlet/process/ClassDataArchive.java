package dev.gauntlet.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Application class-data sharing (AppCDS) for the JVMs a gate forks from its own class path — the load worker and the
 * simulation's dry run: their ~6,000 classes (Gatling, Netty, Jackson) are mapped from an archive instead of being
 * read, parsed and verified from the jars, which takes about a third less CPU at their start (measured on JDK 17 and
 * 25: a dry run 2.2 s → 1.4 s of CPU).
 *
 * <p>The first JVM without an archive records the classes it loads ({@code -XX:DumpLoadedClassList}); the gate that
 * ends and finds a list an earlier gate recorded dumps the archive from it ({@code -Xshare:dump}, {@link #write}) into
 * the user's cache folder ({@code $XDG_CACHE_HOME/gauntlet/cds}, else {@code ~/.cache/gauntlet/cds}), named by a digest
 * of the JDK, the module options and every class-path file (path, size, time): a rebuilt jar or another JDK gets an
 * archive of its own. Why the second gate: the dump takes 10-30 s of one core and saves under a second of CPU at each
 * later start, so the first gate with these files (the only one on a CI machine that starts afresh) only keeps its
 * list; a second gate says the files are used again. Why not {@code -XX:ArchiveClassesAtExit} or
 * {@code -XX:+AutoCreateSharedArchive}: the loopback guard is a {@code -javaagent}, and a dynamic archive dumped with
 * an agent needs the diagnostic {@code -XX:+AllowArchivingWithJavaAgent}, whose archives print "for testing purposes
 * only" at every start; a class list and a static dump work with the agent on JDK 17 and 25 alike. The guard's own
 * classes stay out of the list: its agent defines its registry in the boot loader itself.
 *
 * <p>Nothing here can fail a gate: without a cache folder, with a class path that holds a folder of classes (CDS
 * archives classes from jars only), with {@code -Dgauntlet.cds=off}, or when the dump fails, the JVMs start as before.
 */
public final class ClassDataArchive {
    /** {@code -Dgauntlet.cds=off} on the gate's JVM: no archive is used or written. */
    public static final String SWITCH = "gauntlet.cds";
    /** Classes the guard's agent defines itself (its boot-loader registry): never archived. */
    static final String GUARD = "dev/gauntlet/guard/";
    private static final String LIST = ".classlist";
    private static final String ARCHIVE = ".jsa";
    /** Archives kept in the cache folder (the newest; one per JDK and build). */
    private static final int KEEP = 4;
    private static final Duration DUMP_LIMIT = Duration.ofMinutes(2);
    /**
     * What a first gate left for a second (a class list, a service's note) and the logs of failed dumps are removed
     * when older than this: a nightly job's is still there the next night.
     */
    static final Duration UNUSED = Duration.ofDays(7);
    private static final ClassDataArchive OFF = new ClassDataArchive(null, null, null, null, List.of());

    private final Path dir;
    private final String key;
    private final String java;
    private final String classpath;
    private final List<String> moduleOptions;

    private ClassDataArchive(Path dir, String key, String java, String classpath, List<String> moduleOptions) {
        this.dir = dir;
        this.key = key;
        this.java = java;
        this.classpath = classpath;
        this.moduleOptions = List.copyOf(moduleOptions);
    }

    /**
     * The archive for JVMs forked with {@code workspace}'s {@code java} and class path and with {@code moduleOptions}
     * (the same at dump time: JDK 25 refuses an archive's module graph otherwise), in the user's cache folder.
     */
    public static ClassDataArchive of(Workspace workspace, List<String> moduleOptions) {
        if (off()) {
            return OFF;
        }
        return of(workspace, moduleOptions, cacheFolder());
    }

    /** As {@link #of(Workspace, List)}, in {@code cache} (null: none). */
    static ClassDataArchive of(Workspace workspace, List<String> moduleOptions, Path cache) {
        if (cache == null) {
            return OFF;
        }
        Optional<String> key = key(workspace, moduleOptions);
        return key.map(k -> new ClassDataArchive(cache, k, workspace.java(), workspace.classpathArgument(),
                moduleOptions)).orElse(OFF);
    }

    /** Whether {@code -Dgauntlet.cds=off} is on the gate's JVM: no archive (nor remembered dry run) is used or kept. */
    public static boolean off() {
        return "off".equalsIgnoreCase(System.getProperty(SWITCH, ""));
    }

    /** {@code $XDG_CACHE_HOME/gauntlet/cds}, else {@code ~/.cache/gauntlet/cds}; null when neither is known. */
    public static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "gauntlet", "cds");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || home.equals("?") ? null : Path.of(home, ".cache", "gauntlet", "cds");
    }

    /**
     * What identifies an archive: the JDK (its {@code lib/modules}), the module options and every class-path file with
     * the jars its jars' manifests name; empty when the JDK cannot be told or a class-path entry is a folder of
     * classes (not archivable).
     */
    public static Optional<String> key(Workspace workspace, List<String> moduleOptions) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Path java = Path.of(workspace.java()).toRealPath();
            Path modules = java.getParent().getParent().resolve("lib").resolve("modules");
            if (!Files.isRegularFile(modules)) {
                return Optional.empty();
            }
            add(digest, java.toString());
            stamp(digest, modules);
            moduleOptions.forEach(o -> add(digest, o));
            for (Path entry : workspace.classpath()) {
                if (Files.isDirectory(entry)) {
                    try (Stream<Path> content = Files.list(entry)) {
                        if (content.findAny().isPresent()) {
                            return Optional.empty();
                        }
                    }
                    continue;
                }
                stamp(digest, entry);
                for (Path named : manifestClassPath(entry)) {
                    stamp(digest, named);
                }
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest(), 0, 12));
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    private static void add(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    /** A file's path, size and time (or that it is missing) into {@code digest}. */
    private static void stamp(MessageDigest digest, Path file) throws IOException {
        add(digest, file.toString());
        add(digest, Files.isRegularFile(file) ? Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis()
                : "missing");
    }

    /** The jars a jar's manifest {@code Class-Path} names, resolved against its folder (none for other files). */
    static List<Path> manifestClassPath(Path jar) {
        if (!Files.isRegularFile(jar) || !jar.toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String named = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (named == null || named.isBlank()) {
                return List.of();
            }
            List<Path> out = new ArrayList<>();
            for (String entry : named.trim().split("\\s+")) {
                out.add(jar.toAbsolutePath().getParent().resolve(entry).normalize());
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Where the archive is (or would be); null when off. */
    public Path archive() {
        return dir == null ? null : dir.resolve(key + ARCHIVE);
    }

    /**
     * Options for a forked JVM: the archive when it is there, else the recording of the classes it loads (for
     * {@link #write}); none when off or the cache folder cannot be made.
     */
    public List<String> options() {
        if (dir == null) {
            return List.of();
        }
        if (Files.isReadable(archive())) {
            return List.of("-XX:SharedArchiveFile=" + archive(), "-Xshare:auto");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        String list = key + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + LIST;
        return List.of("-XX:DumpLoadedClassList=" + dir.resolve(list));
    }

    /**
     * Dumps the archive from the longest class list a forked JVM recorded, unless it exists already or every list was
     * recorded by this gate (since {@code since}, epoch millis): then the longest is kept for the next gate. Removes
     * the other lists and all but the newest archives. Says on {@code console} that it starts (seconds, once per build
     * and JDK) and how it ended. Never throws.
     *
     * @return whether an archive was written
     */
    public boolean write(Consumer<String> console, long since) {
        if (dir == null || !Files.isDirectory(dir)) {
            return false;
        }
        List<Path> lists = lists();
        Path kept = null;
        try {
            if (lists.isEmpty() || Files.exists(archive())) {
                return false;
            }
            Path longest = lists.stream().max(Comparator.comparingLong(ClassDataArchive::sizeOf)).orElseThrow();
            if (lists.stream().allMatch(l -> modified(l) >= since)) {
                kept = longest; // the first gate with these files: the next one writes the archive
                return false;
            }
            console.accept("writing the class-data archive of the load worker's classes to " + archive()
                    + " (once per build and JDK, by its second gate: from the next gate on the load worker and the "
                    + "dry run start faster)");
            Optional<String> written = dump(longest);
            console.accept(written.orElse("the class-data archive could not be written (" + dir.resolve(key
                    + ".dump.log") + "); the load worker and the dry run start as before"));
            return written.isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            Path keep = kept;
            lists.stream().filter(l -> !l.equals(keep)).forEach(ClassDataArchive::deleteQuietly);
            prune();
        }
    }

    private Optional<String> dump(Path recorded) throws IOException {
        long t0 = System.nanoTime();
        String unique = key + "." + ProcessHandle.current().pid();
        Path list = dir.resolve(unique + ".filtered" + LIST);
        Path tmp = dir.resolve(unique + ARCHIVE + ".tmp");
        Path log = dir.resolve(key + ".dump.log");
        try {
            List<String> classes = archivable(Files.readAllLines(recorded, StandardCharsets.UTF_8));
            Files.write(list, classes, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(moduleOptions);
            command.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + tmp, "-cp", classpath));
            Process p = new ProcessBuilder(command).directory(dir.toFile()) // a crash's hs_err file stays in the cache
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!p.waitFor(DUMP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                return Optional.empty();
            }
            Files.move(tmp, archive(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            deleteQuietly(log);
            return Optional.of(String.format(Locale.ROOT, "class-data archive of %d classes written in %.1f s",
                    classes.size(), (System.nanoTime() - t0) / 1e9));
        } finally {
            deleteQuietly(list);
            deleteQuietly(tmp);
        }
    }

    /**
     * The lines of a recorded class list that go into the archive: the classes, but the guard's. Lambda proxies and
     * lambda-form invokers ({@code @} lines) stay out: a load worker's crashed JDK 17's dump (SIGSEGV in
     * {@code SystemDictionaryShared::adjust_lambda_proxy_class_dictionary}); they are made at run time as before.
     */
    static List<String> archivable(List<String> recorded) {
        return recorded.stream().filter(l -> !l.startsWith("@") && !l.contains(GUARD)).toList();
    }

    /** This key's recorded class lists. */
    private List<Path> lists() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(key + ".") && name.endsWith(LIST);
            }).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Keeps the {@value #KEEP} newest archives; lists no second gate took up (a build run once, a killed gate) and the
     * logs of failed dumps go after {@link #UNUSED}.
     */
    private void prune() {
        long stale = System.currentTimeMillis() - UNUSED.toMillis();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            all.stream().filter(f -> f.getFileName().toString().endsWith(ARCHIVE)
                            && !f.getFileName().toString().endsWith(".service" + ARCHIVE)) // ServiceArchive's own
                    .sorted(Comparator.comparingLong(ClassDataArchive::modified).reversed()).skip(KEEP)
                    .forEach(ClassDataArchive::deleteQuietly);
            all.stream().filter(f -> (f.getFileName().toString().endsWith(LIST)
                            || f.getFileName().toString().endsWith(".log")) && modified(f) < stale)
                    .forEach(ClassDataArchive::deleteQuietly);
        } catch (IOException | RuntimeException e) {
            // the cache folder is a convenience: what cannot be pruned now is pruned by a later gate
        }
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return -1;
        }
    }

    public static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    public static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException | RuntimeException e) {
            // left for the next prune
        }
    }
}
