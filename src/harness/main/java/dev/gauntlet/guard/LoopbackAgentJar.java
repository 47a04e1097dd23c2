package dev.gauntlet.guard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The {@code -javaagent} jar of the load worker: a manifest naming {@link LoopbackAgent}, whose classes come from the
 * worker's class path. Written into the run folder, so the guard works whether the harness runs from a jar, from
 * classes in a build folder, or from a Maven plugin's class path.
 */
public final class LoopbackAgentJar {
    private LoopbackAgentJar() {
    }

    /** Writes {@code dir/loopback-agent.jar} and returns its path. */
    public static Path write(Path dir) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(new Attributes.Name("Premain-Class"), LoopbackAgent.class.getName());
        main.put(new Attributes.Name("Can-Retransform-Classes"), "true");
        main.put(new Attributes.Name("Can-Redefine-Classes"), "true");
        Path jar = dir.resolve("loopback-agent.jar");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // the manifest is the whole jar
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the load worker's agent jar " + jar, e);
        }
        return jar;
    }
}
