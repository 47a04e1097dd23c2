package dev.gauntlet.kube;

import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/** What stands in for gauntlet's image in {@link KubeletStandIn}: this build's class path without its tests. */
public final class ImageClasspath {
    private ImageClasspath() {
    }

    /**
     * This JVM's class path without the test classes: what gauntlet's image holds (the user's simulations reach the
     * pods through the ConfigMap). Surefire's manifest-only jar is opened up.
     */
    public static List<Path> of() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    String cp = jar.getManifest() == null ? null
                            : jar.getManifest().getMainAttributes().getValue("Class-Path");
                    if (cp != null && p.getFileName().toString().startsWith("surefire")) {
                        for (String u : cp.trim().split("\\s+")) {
                            java.net.URI uri = java.net.URI.create(u);
                            out.add(uri.isAbsolute() ? Path.of(uri) : p.toAbsolutePath().getParent()
                                    .resolve(URLDecoder.decode(u, StandardCharsets.UTF_8)).normalize());
                        }
                        continue;
                    }
                }
            }
            out.add(p);
        }
        return out.stream().filter(p -> !p.endsWith("test-classes")).toList();
    }

}
