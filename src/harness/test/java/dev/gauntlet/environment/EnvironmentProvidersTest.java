package dev.gauntlet.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Environment kinds come from one registry: what it knows, and what it says about a kind it does not know. */
class EnvironmentProvidersTest {
    private static ServiceSpec service(ServiceImage image) {
        return new ServiceSpec("api", List.of("x"), "/health", Map.of(), true, List.of(), Duration.ofSeconds(5), image);
    }

    @Test
    void localContainersAndExternalAreRegisteredLocalFirst() {
        assertEquals(List.of(EnvironmentSpec.LOCAL, EnvironmentSpec.CONTAINERS, EnvironmentSpec.EXTERNAL),
                EnvironmentProviders.all().stream().map(EnvironmentProvider::kind).toList());
        assertFalse(EnvironmentProviders.of("local").runsImages());
        assertTrue(EnvironmentProviders.of("containers").runsImages());
        assertTrue(EnvironmentProviders.of("external").reachedByUrl());
        assertFalse(EnvironmentProviders.of("external").runsImages());
        assertEquals("'local' (child processes), 'containers' (Docker containers) or 'external' (APIs already "
                + "deployed, reached by URL)", EnvironmentProviders.expected());
        assertEquals("containers", EnvironmentProviders.imageKinds());
    }

    @Test
    void anUnknownKindIsRefusedWithTheKnownOnes() {
        assertTrue(EnvironmentProviders.find("docker").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EnvironmentSpec("e", "docker", List.of(service(null))));
        assertEquals("kind must be 'local' (child processes), 'containers' (Docker containers) or 'external' (APIs "
                + "already deployed, reached by URL), got docker", e.getMessage());
    }

    @Test
    void theProviderSaysWhetherServicesRunImages() {
        ServiceImage image = new ServiceImage.Named("x/y:1");
        assertEquals("service api has an image in a local environment", assertThrows(IllegalArgumentException.class,
                () -> new EnvironmentSpec("e", "local", List.of(service(image)))).getMessage());
        assertEquals("service api needs an image in a containers environment", assertThrows(
                IllegalArgumentException.class, () -> new EnvironmentSpec("e", "containers", List.of(service(null))))
                .getMessage());
        assertEquals("containers", new EnvironmentSpec("e", "containers", List.of(service(image))).kind());
    }
}
