package dev.gauntlet.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import dev.gauntlet.process.Workspace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services that do not speak HTTP: ready when their port accepts a connection or a command exits 0; the project
 * folder as a placeholder; a dependency reached through the gate's proxy has the proxy's port in its placeholders.
 */
class ReadinessTest {
    @TempDir
    Path dir;

    @Test
    void aPortIsReadyWhenItAcceptsAConnection() throws IOException {
        int port;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listening.getLocalPort();
            assertNull(call(Health.port(port)), "accepted");
        }
        assertEquals("connect refused", call(Health.port(port)));
    }

    @Test
    void aCommandIsReadyWhenItExitsZero() {
        assertNull(call(Health.localCommand(List.of("sh", "-c", "exit 0"), dir)));
        assertEquals("exit 3: not yet", call(Health.localCommand(List.of("sh", "-c", "echo starting; echo not yet; exit 3"), dir)));
        assertTrue(call(Health.localCommand(List.of("no-such-program-gauntlet"), dir)).startsWith("cannot run no-such-program-gauntlet"));
        assertEquals("exit 1", call(Health.localCommand(List.of("sh", "-c", "exec 1>&-; exit 1"), dir)), "no output");
    }

    @Test
    void aServiceThatNeverBecomesReadySaysWhatWasExpected() {
        URI url = URI.create("http://127.0.0.1:" + Placeholders.freePort());
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> Health.await("db",
                new Readiness.Port().target(url), Health.port(url.getPort()), Duration.ofMillis(300), () -> null, () -> ""));
        assertTrue(e.getMessage().contains("did not become ready within 0 s: 127.0.0.1:" + url.getPort()
                + " should accept a connection, last: connect refused"), e.getMessage());
    }

    /**
     * A local "database" that is no HTTP server (ready by its port), a service ready by a command that uses the
     * project folder, and a caller that reaches the database through the gate's proxy.
     */
    @Test
    void servicesReadyByPortOrCommandAndACallerThroughTheProxy() throws IOException {
        Path listener = dir.resolve("Listener.java");
        Files.writeString(listener, """
                public class Listener {
                    public static void main(String[] a) throws Exception {
                        try (var s = new java.net.ServerSocket(Integer.parseInt(a[0]), 5, java.net.InetAddress.getLoopbackAddress())) {
                            while (true) { s.accept().close(); }
                        }
                    }
                }
                """);
        Workspace workspace = new Workspace(dir, Workspace.current().java(), List.of());
        ServiceSpec db = new ServiceSpec("db", List.of("${java}", listener.toString(), "${port}"), new Readiness.Port(),
                Map.of(), false, List.of(), Duration.ofSeconds(30), null, List.of());
        ServiceSpec flag = new ServiceSpec("flag", List.of("sh", "-c", "sleep 0.3; touch ready-flag; exec sleep 60"),
                new Readiness.Command(List.of("test", "-f", "${project}/ready-flag")), Map.of(), false, List.of(),
                Duration.ofSeconds(10), null, List.of());
        ServiceSpec app = new ServiceSpec("app", List.of("sh", "-c", "echo \"$DB $URL\" > seen; touch up; exec sleep 60"),
                new Readiness.Command(List.of("test", "-f", "up")), Map.of("DB", "${services.db.port}", "URL",
                "${services.flag.url}"), true, List.of("db", "flag"), Duration.ofSeconds(10), null, List.of("db"));
        try (ChildProcesses processes = new ChildProcesses(Leftovers.shared(), workspace);
             Environment env = LocalEnvironment.start(new EnvironmentSpec("t", EnvironmentSpec.LOCAL, List.of(db, flag, app)),
                     dir, processes)) {
            assertTrue(Files.exists(dir.resolve("ready-flag")));
            int real = env.services().get(0).url().getPort();
            int proxied = env.proxy("db").port();
            assertNotEquals(real, proxied);
            assertEquals(real, env.proxy("db").upstreamPort());
            assertEquals(proxied + " " + env.services().get(1).url(), Files.readString(dir.resolve("seen")).strip(),
                    "the caller was given the proxy's port; a service reached directly keeps its own");
            assertThrows(IllegalArgumentException.class, () -> env.proxy("flag"), "no edge to flag goes through the proxy");
        }
    }

    private static String call(Health.Attempt attempt) {
        try {
            return attempt.tryOnce();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
