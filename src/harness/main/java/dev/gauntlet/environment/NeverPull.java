package dev.gauntlet.environment;

import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' pull policy for the gate ({@code pull.policy} in the classpath {@code testcontainers.properties}):
 * never pull. Machines without a registry then fail in milliseconds with "No such image" instead of minutes of
 * retries. Where a registry exists, {@code docker pull} the images first, or set {@code TESTCONTAINERS_PULL_POLICY}
 * to another policy class. Dockerfile builds ({@code jar: true}) still let the engine fetch a missing base image.
 */
public final class NeverPull implements ImagePullPolicy {
    @Override
    public boolean shouldPull(DockerImageName imageName) {
        return false;
    }
}
