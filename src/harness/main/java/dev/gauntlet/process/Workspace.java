package dev.gauntlet.process;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where and with what a gate starts things: the folder its child processes run in (and relative paths of the
 * environment file resolve against), and the {@code java} executable and class path of the JVMs it forks (the load
 * worker, {@code ${java}} and {@code ${classpath}} in service commands).
 *
 * <p>The CLI runs in {@link #current() this JVM's} folder and class path; the Maven plugin passes the project's
 * folder and the plugin's class path plus the project's test class path (where its simulations are compiled).
 *
 * @param dir       working folder of child processes, absolute
 * @param java      path of the {@code java} executable
 * @param classpath class path of forked JVMs, absolute entries
 */
public record Workspace(Path dir, String java, List<Path> classpath) {
    public Workspace {
        dir = dir.toAbsolutePath().normalize();
        classpath = classpath.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    /** This JVM's working folder, {@code java} executable and class path. */
    public static Workspace current() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<Path> cp = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isBlank()).map(Path::of).toList();
        return new Workspace(Path.of(""), java, cp);
    }

    /** The class path as one {@code java -cp} argument. */
    public String classpathArgument() {
        return classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** {@code path} resolved against {@link #dir()} when relative. */
    public Path resolve(Path path) {
        return dir.resolve(path);
    }
}
