package dev.gauntlet.environment;

import java.util.Objects;

/**
 * What a service of a {@code kind: containers} environment runs: a named image, or the project jar on a base image.
 * Local services have none.
 */
public sealed interface ServiceImage {

    /**
     * An existing image (never pulled: it must be on the engine already). The service's {@code command} becomes the
     * container's arguments, after the image's own entry point.
     *
     * @param reference image name, e.g. {@code wiremock/wiremock:3.13.2}
     */
    record Named(String reference) implements ServiceImage {
        public Named {
            Objects.requireNonNull(reference, "reference");
            if (reference.isBlank()) {
                throw new IllegalArgumentException("image reference is blank");
            }
        }
    }

    /**
     * The project jar ({@code gauntlet.jar} and its {@code lib/} folder) copied into an image built from
     * {@code baseImage}; the service's {@code command} is the arguments of {@code java -cp /app/gauntlet.jar}.
     *
     * @param baseImage image with a JRE 17 on its PATH, e.g. {@code local/jre17:1} or {@code eclipse-temurin:17-jre}
     */
    record ProjectJar(String baseImage) implements ServiceImage {
        /** The base image {@code .ci/base-image.sh} builds. */
        public static final String DEFAULT_BASE = "local/jre17:1";

        public ProjectJar {
            Objects.requireNonNull(baseImage, "baseImage");
            if (baseImage.isBlank()) {
                throw new IllegalArgumentException("base image is blank");
            }
        }
    }
}
