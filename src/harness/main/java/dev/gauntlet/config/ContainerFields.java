package dev.gauntlet.config;

import dev.gauntlet.environment.EnvironmentProvider;
import dev.gauntlet.environment.EnvironmentProviders;
import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.environment.ServiceImage;

/**
 * Reads the fields of {@code kind: containers}: the top-level {@code kind} and {@code baseImage}, and a service's
 * {@code image} (an existing image; {@code command} becomes its arguments) or {@code jar: true} (the project jar on
 * {@code baseImage}; {@code command} becomes the arguments of {@code java}), and {@code user} (who its process runs as).
 */
final class ContainerFields {
    private ContainerFields() {
    }

    /** The kind of a {@link EnvironmentProviders registered provider}: {@code local} (the default), {@code containers} … */
    static String kind(Node root) {
        return provider(root).kind();
    }

    private static EnvironmentProvider provider(Node root) {
        String kind = root.text("kind", EnvironmentSpec.LOCAL);
        EnvironmentProvider provider = EnvironmentProviders.find(kind).orElseThrow(() -> root.error("kind: expected "
                + EnvironmentProviders.expected() + ", got '" + kind + "'"));
        if (!provider.runsImages() && root.has("baseImage")) {
            throw root.error("baseImage: only for kind: " + EnvironmentProviders.imageKinds() + " (this environment is kind: "
                    + kind + ")");
        }
        return provider;
    }

    /**
     * What {@code service} runs where services run images; null where they run commands (where image and jar are
     * mistakes).
     */
    static ServiceImage image(Node root, Node service) {
        boolean named = service.has("image");
        boolean jar = service.bool("jar", false);
        EnvironmentProvider provider = provider(root);
        if (!provider.runsImages()) {
            String field = named ? "image" : service.has("jar") ? "jar" : service.has("user") ? "user" : null;
            if (field != null) {
                throw service.error(field + ": only for kind: " + EnvironmentProviders.imageKinds()
                        + " (this environment is kind: " + provider.kind() + ": its services are commands)");
            }
            return null;
        }
        if (named == jar) {
            throw service.error("expected either 'image' (an image name such as wiremock/wiremock:3.13.2) or"
                    + " 'jar: true' (the project jar on baseImage), got " + (named ? "both" : "neither"));
        }
        String user = user(service);
        return named ? new ServiceImage.Named(reference(service, "image", service.text("image")), user)
                : new ServiceImage.ProjectJar(baseImage(root), user);
    }

    /** {@code user}: who the container's process runs as; null (the image's own) when absent. */
    private static String user(Node service) {
        if (!service.has("user")) {
            return null;
        }
        String user = service.text("user").trim();
        if (!user.matches(ServiceImage.USER_PATTERN)) {
            throw service.error("user: expected a user name or uid, optionally :group, such as 65534:65534 or"
                    + " postgres, got '" + user + "'");
        }
        return user;
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
