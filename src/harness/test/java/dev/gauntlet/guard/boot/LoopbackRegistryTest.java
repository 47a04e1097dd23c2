package dev.gauntlet.guard.boot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.guard.LoopbackAgent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard's rules; the agent itself is proven in a JVM of its own (LoopbackGuardIT, in a network namespace). */
class LoopbackRegistryTest {
    @Test
    void loopbackIsAllowed() {
        for (String host : List.of("127.0.0.1", "127.0.0.1:8080", "localhost", "localhost:443", "::1", "[::1]:80", "127.8.9.10")) {
            assertTrue(LoopbackRegistry.allowed(host), host);
        }
    }

    @Test
    void everythingElseIsRefused() {
        for (String host : List.of("gatling.io", "repo1.maven.org:443", "10.0.0.1", "192.168.1.1:80", "8.8.8.8", "[2001:db8::1]:80")) {
            assertFalse(LoopbackRegistry.allowed(host), host);
        }
    }

    @Test
    void onlyLoopbackNamesMayBeLookedUp() {
        for (String name : List.of("localhost", "127.0.0.1", "::1", "[::1]")) {
            assertTrue(LoopbackRegistry.allowedName(name), name);
        }
        for (String name : List.of("127.example.invalid", "127.0.0.1.nip.io", "example.invalid", "127.0.0.256", "gatling.io")) {
            assertFalse(LoopbackRegistry.allowedName(name), name);
        }
    }

    @Test
    void withoutTheAgentTheGuardSaysItIsNotInForce() {
        assertFalse(LoopbackAgent.active(), "this test JVM runs without -javaagent");
    }
}
