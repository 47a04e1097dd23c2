package dev.gauntlet.process;

import java.io.File;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** How to start another JVM like this one: the same java executable and the same class path, made absolute. */
public final class ThisJvm {
    private ThisJvm() {
    }

    /** The running JVM's {@code java} executable. */
    public static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** This JVM's class path with every entry absolute, so a child started in another folder finds it too. */
    public static String classpath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }
}
