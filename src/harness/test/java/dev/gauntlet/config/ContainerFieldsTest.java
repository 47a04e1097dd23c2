package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.environment.ServiceImage;
import dev.gauntlet.environment.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fields of {@code kind: containers}: kind, baseImage, a service's image or jar, and its user. */
class ContainerFieldsTest {
    @TempDir
    Path dir;

    private static final String CONTAINERS = """
            name: c
            kind: containers
            services:
              stub:
                image: wiremock/wiremock:3.13.2
                command: ["--port", "${port}"]
                health: /__admin/health
              quiet:
                image: local/quiet:1
                user: postgres
                health: /health
              api:
                underTest: true
                dependsOn: [stub]
                jar: true
                command: [dev.gauntlet.cli.Gauntlet, demo, orders-api, --port, "${port}"]
                health: /health
            """;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private ServiceSpec service(GateSpec spec, String name) {
        return spec.environment().services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private ConfigException mistake(String yaml) throws IOException {
        Path f = write(yaml);
        return assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of()));
    }

    @Test
    void readsImagesJarsAndTheDefaultBaseImage() throws IOException {
        GateSpec spec = GateSpecs.load(write(CONTAINERS), Map.of());
        assertEquals(EnvironmentSpec.CONTAINERS, spec.environment().kind());
        assertEquals(new ServiceImage.Named("wiremock/wiremock:3.13.2"), service(spec, "stub").image());
        assertEquals(List.of("--port", "${port}"), service(spec, "stub").command(), "the container's arguments");
        assertEquals(List.of(), service(spec, "quiet").command(), "an image may run its own command");
        assertEquals(new ServiceImage.Named("local/quiet:1", "postgres"), service(spec, "quiet").image());
        assertNull(service(spec, "api").image().user(), "the image's own user");
        assertEquals(new ServiceImage.ProjectJar("local/jre17:1"), service(spec, "api").image());
        assertEquals("dev.gauntlet.cli.Gauntlet", service(spec, "api").command().get(0), "the arguments of java");
    }

    @Test
    void theBaseImageIsASettingThatSetCanOverride() throws IOException {
        GateSpec spec = GateSpecs.load(write(CONTAINERS.replace("kind: containers", "kind: containers\nbaseImage: eclipse-temurin:17-jre")),
                Map.of());
        assertEquals(new ServiceImage.ProjectJar("eclipse-temurin:17-jre"), service(spec, "api").image());
        GateSpec overridden = GateSpecs.load(write(CONTAINERS), Map.of("baseImage", "registry.example/jre:17"));
        assertEquals(new ServiceImage.ProjectJar("registry.example/jre:17"), service(overridden, "api").image());
    }

    @Test
    void theShippedCiEnvironmentsAreTheLocalOnesOnContainers() {
        sameServicesOnContainers(Path.of("environments/ci.yaml"), Path.of("environments/local.yaml"));
        sameServicesOnContainers(Path.of("environments/ci-outage.yaml"), Path.of("environments/outage.yaml"));
        GateSpec ci = GateSpecs.load(Path.of("environments/ci.yaml"), Map.of());
        GateSpec local = GateSpecs.load(Path.of("environments/local.yaml"), Map.of());
        assertEquals(local.contracts(), ci.contracts());
        assertEquals(local.load(), ci.load());
        assertEquals(local.objectives(), ci.objectives());
        assertNull(service(local, "payments").image(), "local services are processes");
    }

    /** Every service of {@code local} on the base image with java's arguments unchanged; the database not as root. */
    private void sameServicesOnContainers(Path containers, Path local) {
        GateSpec c = GateSpecs.load(containers, Map.of());
        GateSpec l = GateSpecs.load(local, Map.of());
        assertEquals(EnvironmentSpec.CONTAINERS, c.environment().kind());
        assertEquals(List.of("payments", "orders-db", "orders-api"),
                c.environment().services().stream().map(ServiceSpec::name).toList());
        for (ServiceSpec s : c.environment().services()) {
            String user = s.name().equals("orders-db") ? "65534:65534" : null; // PostgreSQL refuses root
            assertEquals(new ServiceImage.ProjectJar("local/jre17:1", user), s.image(), s.name());
            ServiceSpec same = service(l, s.name());
            if (same.balancer() != null) { // replicas behind a balancer locally (outage.yaml), one service on containers
                same = service(l, s.name() + "#1");
            }
            List<String> localArgs = same.command().subList(same.command().indexOf("${classpath}") + 1, same.command().size());
            assertEquals(localArgs, s.command(), "the same arguments as " + local + " after the class path: " + s.name());
            assertEquals(same.readiness(), s.readiness(), s.name());
            assertEquals(same.dependsOn(), s.dependsOn(), s.name());
            assertEquals(same.proxied(), s.proxied(), "the database through the gate's proxy: " + s.name());
        }
    }

    @Test
    void mistakesNameFileFieldAndExpectation() throws IOException {
        ConfigException kind = mistake(CONTAINERS.replace("kind: containers", "kind: docker"));
        assertTrue(kind.getMessage().contains("env.yaml: kind: expected 'local' (child processes), 'containers'")
                && kind.getMessage().contains("got 'docker'"), kind.getMessage());

        ConfigException both = mistake(CONTAINERS.replace("jar: true", "jar: true\n    image: x/y:1"));
        assertTrue(both.getMessage().contains("services.api: expected either 'image'") && both.getMessage().endsWith("got both"),
                both.getMessage());

        ConfigException neither = mistake(CONTAINERS.replace("    jar: true\n", ""));
        assertTrue(neither.getMessage().contains("services.api: expected either 'image'")
                && neither.getMessage().endsWith("got neither"), neither.getMessage());

        ConfigException jarCommand = mistake(CONTAINERS.replace("command: [dev.gauntlet.cli.Gauntlet, demo, orders-api, --port, \"${port}\"]",
                "command: []"));
        assertTrue(jarCommand.getMessage().contains("services.api: command: expected a non-empty list (the arguments of java"),
                jarCommand.getMessage());

        ConfigException badImage = mistake(CONTAINERS.replace("image: local/quiet:1", "image: \"local quiet\""));
        assertTrue(badImage.getMessage().contains("services.quiet: image: expected an image name"), badImage.getMessage());

        ConfigException notBoolean = mistake(CONTAINERS.replace("jar: true", "jar: yes please"));
        assertTrue(notBoolean.getMessage().contains("services.api.jar: expected true or false"), notBoolean.getMessage());

        ConfigException badUser = mistake(CONTAINERS.replace("user: postgres", "user: \"root; rm -rf /\""));
        assertTrue(badUser.getMessage().contains("services.quiet: user: expected a user name or uid, optionally :group")
                && badUser.getMessage().contains("got 'root; rm -rf /'"), badUser.getMessage());
    }

    @Test
    void localEnvironmentsRefuseContainerFields() throws IOException {
        String local = """
                name: l
                services:
                  api:
                    underTest: true
                    command: [java, -cp, x, Main]
                    health: /health
                """;
        ConfigException image = mistake(local.replace("underTest: true", "underTest: true\n    image: x/y:1"));
        assertTrue(image.getMessage().contains("services.api: image: only for kind: containers"), image.getMessage());
        ConfigException user = mistake(local.replace("underTest: true", "underTest: true\n    user: \"65534\""));
        assertTrue(user.getMessage().contains("services.api: user: only for kind: containers"), user.getMessage());
        ConfigException jar = mistake(local.replace("underTest: true", "underTest: true\n    jar: true"));
        assertTrue(jar.getMessage().contains("services.api: jar: only for kind: containers"), jar.getMessage());
        ConfigException base = mistake("baseImage: local/jre17:1\n" + local);
        assertTrue(base.getMessage().contains("env.yaml: baseImage: only for kind: containers"), base.getMessage());
    }
}
