package dev.gauntlet.environment;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PruneType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image of {@code jar: true} services: the project jar and its {@code lib/} folder copied into {@code /app} of
 * an image built from a base image with a JRE. The name is fixed per base image ({@code gauntlet/app:<base>}), so a
 * rebuild replaces the tag instead of leaving a new image per run; the replaced, now dangling, image is pruned.
 */
final class ProjectImage {
    /** Label on the image (and so on its containers). */
    static final String LABEL = "dev.gauntlet.image";
    /** Where the jar lies in the image; its manifest's class path points at {@code /app/lib}. */
    static final String JAR_IN_IMAGE = "/app/gauntlet.jar";

    private ProjectImage() {
    }

    /** The fixed name of the image built from {@code baseImage}. */
    static String name(String baseImage) {
        String tag = baseImage.replaceAll("[^A-Za-z0-9_.-]", "-");
        return "gauntlet/app:" + (tag.length() > 120 ? tag.substring(0, 120) : tag);
    }

    /**
     * Builds (or, when nothing changed, takes from the engine's cache) the image for {@code baseImage}.
     *
     * @param service the first service that needs it, for messages
     * @return the image name
     * @throws EnvironmentException when the jar is missing or the build fails
     */
    static String build(DockerClient docker, String baseImage, String service) {
        Path jar = projectJar(service);
        Path lib = jar.resolveSibling("lib");
        String name = name(baseImage);
        String dockerfile = "FROM " + baseImage + "\n"
                + "LABEL " + LABEL + "=project-jar\n"
                + "WORKDIR /app\n"
                + "COPY lib/ /app/lib/\n"                       // the dependencies change seldom: a cached layer
                + "COPY gauntlet.jar " + JAR_IN_IMAGE + "\n";
        try {
            new ImageFromDockerfile(name, false)
                    .withFileFromString("Dockerfile", dockerfile)
                    .withFileFromPath("gauntlet.jar", jar)
                    .withFileFromPath("lib", lib)
                    .get();
        } catch (RuntimeException e) {
            throw new EnvironmentException(service, "could not be started: building image " + name + " from "
                    + baseImage + " failed: " + Containers.rootMessage(e) + baseImageHint(docker, baseImage), "");
        }
        try {
            docker.pruneCmd(PruneType.IMAGES).withDangling(true).withLabelFilter(LABEL + "=project-jar").exec();
        } catch (RuntimeException ignored) {
            // an older build still used by a running container stays until the next prune
        }
        return name;
    }

    private static String baseImageHint(DockerClient docker, String baseImage) {
        try {
            docker.inspectImageCmd(baseImage).exec();
            return "";
        } catch (NotFoundException e) {
            return " (base image " + baseImage + " is not on this engine: build it with .ci/base-image.sh, or docker"
                    + " pull it where a registry exists)";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The jar the gate runs from (with {@code lib/} beside it), else {@code target/gauntlet.jar}. */
    private static Path projectJar(String service) {
        try {
            Path own = Path.of(ProjectImage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (own.toString().endsWith(".jar") && Files.isDirectory(own.resolveSibling("lib"))) {
                return own;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to the build folder
        }
        Path built = Path.of("target", "gauntlet.jar").toAbsolutePath();
        if (!Files.isRegularFile(built) || !Files.isDirectory(built.resolveSibling("lib"))) {
            throw new EnvironmentException(service, "could not be started: 'jar: true' needs the project jar "
                    + built + " and its lib/ folder; build them with mvn -B -q package -DskipTests", "");
        }
        return built;
    }
}
