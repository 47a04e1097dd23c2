package dev.gauntlet.environment;

import java.util.Objects;

/**
 * What a service of a {@code kind: containers} environment runs: a named image, or the project jar on a base image,
 * and as which user. Local services have none.
 */
public sealed interface ServiceImage {

    /**
     * The user the container's process runs as ({@code docker run --user}: a name or uid, optionally {@code :group}),
     * or null for the image's own (root in most images). PostgreSQL, for one, refuses to run as root.
     */
    String user();

    /**
     * An existing image (never pulled: it must be on the engine already). The service's {@code command} becomes the
     * container's arguments, after the image's own entry point.
     *
     * @param reference image name, e.g. {@code wiremock/wiremock:3.13.2}
     * @param user      see {@link ServiceImage#user()}; null for the image's own
     */
    record Named(String reference, String user) implements ServiceImage {
        public Named {
            Objects.requireNonNull(reference, "reference");
            if (reference.isBlank()) {
                throw new IllegalArgumentException("image reference is blank");
            }
            checkUser(user);
        }

        /** Run as the image's own user. */
        public Named(String reference) {
            this(reference, null);
        }
    }

    /**
     * The project jar ({@code gauntlet.jar} and its {@code lib/} folder) copied into an image built from
     * {@code baseImage}; the service's {@code command} is the arguments of {@code java -cp /app/gauntlet.jar}.
     *
     * @param baseImage image with a JRE 17 on its PATH, e.g. {@code local/jre17:1} or {@code eclipse-temurin:17-jre}
     * @param user      see {@link ServiceImage#user()}; null for the base image's own
     */
    record ProjectJar(String baseImage, String user) implements ServiceImage {
        /** The base image {@code .ci/base-image.sh} builds. */
        public static final String DEFAULT_BASE = "local/jre17:1";

        public ProjectJar {
            Objects.requireNonNull(baseImage, "baseImage");
            if (baseImage.isBlank()) {
                throw new IllegalArgumentException("base image is blank");
            }
            checkUser(user);
        }

        /** Run as the base image's own user. */
        public ProjectJar(String baseImage) {
            this(baseImage, null);
        }
    }

    /** What {@code docker run --user} takes: a user name or uid, optionally {@code :} a group name or gid. */
    String USER_PATTERN = "[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?";

    private static void checkUser(String user) {
        if (user != null && !user.matches(USER_PATTERN)) {
            throw new IllegalArgumentException("user: expected a name or uid, optionally :group (e.g. 65534:65534), got '"
                    + user + "'");
        }
    }
}
