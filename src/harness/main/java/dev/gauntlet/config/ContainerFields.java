package dev.gauntlet.config;

import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.environment.ServiceImage;

/**
 * Reads the fields of {@code kind: containers}: the top-level {@code kind} and {@code baseImage}, and a service's
 * {@code image} (an existing image; {@code command} becomes its arguments) or {@code jar: true} (the project jar on
 * {@code baseImage}; {@code command} becomes the arguments of {@code java}).
 */
final class ContainerFields {
    private ContainerFields() {
    }

    /** {@code local} (the default) or {@code containers}. */
    static String kind(Node root) {
        String kind = root.text("kind", EnvironmentSpec.LOCAL);
        if (!kind.equals(EnvironmentSpec.LOCAL) && !kind.equals(EnvironmentSpec.CONTAINERS)) {
            throw root.error("kind: expected 'local' (child processes) or 'containers' (Docker containers), got '"
                    + kind + "'");
        }
        if (kind.equals(EnvironmentSpec.LOCAL) && root.has("baseImage")) {
            throw root.error("baseImage: only for kind: containers (this environment is kind: local)");
        }
        return kind;
    }

    /** What {@code service} runs in a containers environment; null in a local one (where image and jar are mistakes). */
    static ServiceImage image(Node root, Node service) {
        boolean named = service.has("image");
        boolean jar = service.bool("jar", false);
        if (kind(root).equals(EnvironmentSpec.LOCAL)) {
            if (named || service.has("jar")) {
                throw service.error((named ? "image" : "jar") + ": only for kind: containers (this environment is"
                        + " kind: local: its services are commands)");
            }
            return null;
        }
        if (named == jar) {
            throw service.error("expected either 'image' (an image name such as wiremock/wiremock:3.13.2) or"
                    + " 'jar: true' (the project jar on baseImage), got " + (named ? "both" : "neither"));
        }
        return named ? new ServiceImage.Named(reference(service, "image", service.text("image")))
                : new ServiceImage.ProjectJar(baseImage(root));
    }

    /** The image {@code jar: true} services are built on; default {@value ServiceImage.ProjectJar#DEFAULT_BASE}. */
    static String baseImage(Node root) {
        return reference(root, "baseImage", root.text("baseImage", ServiceImage.ProjectJar.DEFAULT_BASE));
    }

    private static String reference(Node at, String field, String raw) {
        String ref = raw.trim();
        if (!ref.matches("[a-z0-9][\\w.:/@-]*")) {
            throw at.error(field + ": expected an image name such as eclipse-temurin:17-jre or local/jre17:1, got '"
                    + raw + "'");
        }
        return ref;
    }
}
