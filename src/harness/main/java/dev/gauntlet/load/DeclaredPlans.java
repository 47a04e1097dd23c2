package dev.gauntlet.load;

import dev.gauntlet.process.ClassDataArchive;
import dev.gauntlet.process.Workspace;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A simulation's dry run, remembered: what it declared (settings, plan, operations) is kept in the user's cache folder
 * ({@code $XDG_CACHE_HOME/gauntlet/plans}, else {@code ~/.cache/gauntlet/plans}) under a digest of everything the
 * declaring JVM is given — the JDK, every class-path file (path, size, time), the simulation, its settings and
 * {@code load.plan}, and the environment variables it inherits — so the next gate with the same inputs reads it
 * instead of forking a JVM (about 2 s of CPU while the services start, on a 2-core machine a second or two of the
 * environment's start). A class path with a folder of classes (an IDE's, the Maven plugin's test classes) is never
 * remembered: its classes change without its files saying so. Only dry runs that built the simulation are kept;
 * {@code -Dgauntlet.cds=off} on the gate neither reads nor keeps them.
 */
public final class DeclaredPlans {
    private static final String SUFFIX = ".declared.json";
    /** Declarations kept (the newest). */
    private static final int KEEP = 32;

    private DeclaredPlans() {
    }

    /** The declaration of {@code spec}'s simulation: remembered, or {@code dryRun}'s (then remembered if it built). */
    public static Declaration of(LoadSpec spec, Workspace workspace, Supplier<Declaration> dryRun) {
        return of(spec, workspace, cacheFolder(), System.getenv(), dryRun);
    }

    static Declaration of(LoadSpec spec, Workspace workspace, Path dir, Map<String, String> env,
                          Supplier<Declaration> dryRun) {
        Optional<Path> file = file(spec, workspace, dir, env);
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            try {
                return LoadWorker.JSON.readValue(file.get().toFile(), Declaration.class);
            } catch (IOException | RuntimeException e) {
                // unreadable (cut short, another version's): the dry run again
            }
        }
        Declaration declared = dryRun.get();
        if (file.isPresent() && declared.error() == null) {
            keep(declared, file.get());
        }
        return declared;
    }

    /** Where the declaration of {@code spec} is kept; empty when it cannot be told from the files. */
    static Optional<Path> file(LoadSpec spec, Workspace workspace, Path dir, Map<String, String> env) {
        if (dir == null) {
            return Optional.empty();
        }
        List<String> inputs = new ArrayList<>(List.of("declaration 1", spec.simulationClass()));
        List<String> properties = new ArrayList<>(LoadStage.properties(spec, URI.create("http://127.0.0.1:9"),
                List.of()));
        properties.sort(null); // the settings come from a map, whose order differs from one JVM to the next
        inputs.addAll(properties);
        new TreeMap<>(env).forEach((k, v) -> inputs.add(k + "=" + v));
        return ClassDataArchive.key(workspace, inputs).map(key -> dir.resolve(key + SUFFIX));
    }

    private static Path cacheFolder() {
        if (ClassDataArchive.off()) {
            return null;
        }
        Path cds = ClassDataArchive.cacheFolder();
        return cds == null ? null : cds.resolveSibling("plans");
    }

    /** Writes {@code declared} to {@code file} (whole or not at all) and prunes the oldest; never throws. */
    private static void keep(Declaration declared, Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            LoadWorker.JSON.writeValue(tmp.toFile(), declared);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> files = Files.list(file.getParent())) {
                files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                        .sorted(Comparator.comparingLong(ClassDataArchive::modified).reversed()).skip(KEEP)
                        .forEach(ClassDataArchive::deleteQuietly);
            }
        } catch (IOException | RuntimeException e) {
            ClassDataArchive.deleteQuietly(tmp); // a cache: the next gate makes its dry run again
        }
    }
}
