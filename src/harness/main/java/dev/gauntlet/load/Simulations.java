package dev.gauntlet.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the simulation class that {@code load.simulation} names on the class path the load worker will run with,
 * before the worker is forked, so a wrong name fails at once with a message rather than deep in Gatling.
 */
public final class Simulations {
    private static final String FALLBACK_PACKAGE = "simulations";
    private static final int MAX_DEPTH = 64;

    private Simulations() {
    }

    /**
     * Resolves {@code name}: a fully qualified name is used as is (it must exist); a simple name
     * ({@code SpikeSimulation}) is searched as {@code SpikeSimulation.class} in every folder of {@code classpath}, in
     * any package (the Maven plugin puts a project's compiled test classes there), and must be unique; when no folder
     * holds it, {@code simulations.SpikeSimulation} is tried (also in jars).
     *
     * @param name      the value of {@code load.simulation}
     * @param classpath the worker's class path (folders and jars)
     * @return the fully qualified class name
     * @throws IllegalArgumentException when the class is not there or the simple name is ambiguous; the message
     *                                  names {@code load.simulation} and where it looked
     */
    public static String resolve(String name, List<Path> classpath) {
        if (name.contains(".")) {
            if (!onClasspath(name, classpath)) {
                throw new IllegalArgumentException("load.simulation: no class " + name + " on the load worker's class "
                        + "path (" + classpath.size() + " entries); is it compiled, and is the package right?");
            }
            return name;
        }
        List<Path> folders = classpath.stream().filter(Files::isDirectory).toList();
        List<String> found = new ArrayList<>();
        for (Path folder : folders) {
            found.addAll(classesNamed(folder, name));
        }
        found = found.stream().distinct().sorted().toList();
        if (found.size() > 1) {
            throw new IllegalArgumentException("load.simulation: '" + name + "' is ambiguous, the class path has "
                    + String.join(", ", found) + ": give the fully qualified name");
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        String fallback = FALLBACK_PACKAGE + "." + name;
        if (onClasspath(fallback, classpath)) {
            return fallback;
        }
        throw new IllegalArgumentException("load.simulation: no class " + name + " on the load worker's class path "
                + "(searched " + folders.size() + " class folder(s) for " + name + ".class in any package, and "
                + fallback + " in every entry); is it compiled? A class in a jar needs its fully qualified name");
    }

    /** Classes called {@code simpleName} anywhere under {@code folder}, as fully qualified names. */
    private static List<String> classesNamed(Path folder, String simpleName) {
        String file = simpleName + ".class";
        try (Stream<Path> walk = Files.walk(folder, MAX_DEPTH)) {
            return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(file))
                    .filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString())
                    .map(rel -> rel.substring(0, rel.length() - ".class".length()).replace('\\', '/').replace('/', '.'))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + folder + " for " + file, e);
        }
    }

    /** Whether some entry of {@code classpath} (jars with their manifest {@code Class-Path}) holds the class. */
    private static boolean onClasspath(String className, List<Path> classpath) {
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = classpath.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("class path entry " + classpath.get(i) + " is not a valid URL", e);
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            return loader.findResource(className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
