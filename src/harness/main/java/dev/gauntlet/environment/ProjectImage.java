package dev.gauntlet.environment;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PruneType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image of {@code jar: true} services: the project jar and its {@code lib/} folder in {@code /app} of an image
 * built from a base image with a JRE 17. Two layers of images with fixed names per base image, so that runs reuse
 * instead of piling up images: {@code gauntlet/app-lib:<base>} holds the dependencies (130 MB, seldom changed) and
 * {@code gauntlet/app:<base>} adds the jar. Each carries a fingerprint of its inputs and is rebuilt only when that
 * changed (sending the dependencies to the engine alone takes ~11 s here); a replaced, now dangling, image is pruned.
 */
final class ProjectImage {
    /** Label on the images (and so on their containers). */
    static final String LABEL = "dev.gauntlet.image";
    /** Label: fingerprint of what went into the image. */
    static final String FINGERPRINT = "dev.gauntlet.fingerprint";
    /** Where the jar lies in the image; its manifest's class path points at {@code /app/lib}. */
    static final String JAR_IN_IMAGE = "/app/gauntlet.jar";

    private ProjectImage() {
    }

    /** The fixed name of the image with the jar, built from {@code baseImage}. */
    static String name(String baseImage) {
        return "gauntlet/app:" + tag(baseImage);
    }

    private static String tag(String baseImage) {
        String tag = baseImage.replaceAll("[^A-Za-z0-9_.-]", "-");
        return tag.length() > 120 ? tag.substring(0, 120) : tag;
    }

    /**
     * Makes sure the image for {@code baseImage} holds the current jar and dependencies, building what changed.
     *
     * @param service the first service that needs it, for messages
     * @param report  told what was built or reused, and how long it took
     * @return the image name
     * @throws EnvironmentException when the jar is missing or a build fails
     */
    static String build(DockerClient docker, String baseImage, String service, Consumer<String> report) {
        Path jar = projectJar(service);
        Path lib = jar.resolveSibling("lib");
        String libImage = "gauntlet/app-lib:" + tag(baseImage);
        String libPrint = fingerprint(baseImage + "@" + imageId(docker, baseImage), listing(lib));
        boolean built = ensure(docker, libImage, libPrint, baseImage, service, report, "FROM " + baseImage + "\n"
                + "WORKDIR /app\n"
                + "COPY lib/ /app/lib/\n", Map.of("lib", lib));
        String name = name(baseImage);
        String jarPrint = fingerprint(libImage + "@" + libPrint, sha256(jar));
        built |= ensure(docker, name, jarPrint, baseImage, service, report, "FROM " + libImage + "\n"
                + "COPY gauntlet.jar " + JAR_IN_IMAGE + "\n", Map.of("gauntlet.jar", jar));
        if (built) {
            try {
                docker.pruneCmd(PruneType.IMAGES).withDangling(true).withLabelFilter(LABEL).exec();
            } catch (RuntimeException ignored) {
                // an older build still used by a running container stays until the next prune
            }
        }
        return name;
    }

    /** Builds {@code name} unless it exists with {@code print}; returns whether it built. */
    private static boolean ensure(DockerClient docker, String name, String print, String baseImage, String service,
                                  Consumer<String> report, String dockerfile, Map<String, Path> files) {
        try {
            Map<String, String> labels = docker.inspectImageCmd(name).exec().getConfig().getLabels();
            if (labels != null && print.equals(labels.get(FINGERPRINT))) {
                report.accept("image " + name + " is up to date");
                return false;
            }
        } catch (NotFoundException missing) {
            // build it
        }
        long t0 = System.nanoTime();
        ImageFromDockerfile image = new ImageFromDockerfile(name, false).withFileFromString("Dockerfile",
                dockerfile + "LABEL " + LABEL + "=project " + FINGERPRINT + "=" + print + "\n");
        files.forEach(image::withFileFromPath);
        try {
            image.get();
        } catch (RuntimeException e) {
            throw new EnvironmentException(service, "could not be started: building image " + name + " failed: "
                    + Containers.rootMessage(e) + baseImageHint(docker, baseImage), "");
        }
        report.accept(String.format(Locale.ROOT, "image %s built in %.1f s", name, (System.nanoTime() - t0) / 1e9));
        return true;
    }

    private static String imageId(DockerClient docker, String image) {
        try {
            return docker.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return "not-local"; // the engine fetches it while building, where a registry exists
        }
    }

    private static String baseImageHint(DockerClient docker, String baseImage) {
        if (!"not-local".equals(imageId(docker, baseImage))) {
            return "";
        }
        return " (base image " + baseImage + " is not on this engine: build it with .ci/base-image.sh, or docker pull"
                + " it where a registry exists)";
    }

    /** Name, size and modification time of every file in {@code dir}: Maven keeps the times of copied jars. */
    private static String listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder out = new StringBuilder();
            for (Path f : files.sorted().toList()) {
                out.append(f.getFileName()).append(' ').append(Files.size(f)).append(' ')
                        .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprint(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String p : List.of(parts)) {
                digest.update(p.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The jar the gate runs from ({@code java -jar X.jar}: the class path's jar with {@code lib/} beside it), else
     * {@code target/gauntlet.jar}.
     */
    private static Path projectJar(String service) {
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath();
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && Files.isDirectory(jar.resolveSibling("lib"))) {
                return jar;
            }
        }
        Path built = Path.of("target", "gauntlet.jar").toAbsolutePath();
        if (!Files.isRegularFile(built) || !Files.isDirectory(built.resolveSibling("lib"))) {
            throw new EnvironmentException(service, "could not be started: 'jar: true' needs the project jar "
                    + built + " and its lib/ folder; build them with mvn -B -q package -DskipTests", "");
        }
        return built;
    }
}
