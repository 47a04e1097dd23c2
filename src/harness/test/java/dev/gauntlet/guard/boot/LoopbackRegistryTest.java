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

    @Test
    void targetsAreAllowedAndNothingBesideThem() throws Exception {
        LoopbackRegistry.allow("10.200.77.2");
        LoopbackRegistry.allow("API.Staging.Example.");
        LoopbackRegistry.allow("[2001:db8:77::2]");
        assertTrue(LoopbackRegistry.allowed("10.200.77.2:8080"));
        assertTrue(LoopbackRegistry.allowed(java.net.InetAddress.getByName("10.200.77.2")));
        assertTrue(LoopbackRegistry.allowed(java.net.InetAddress.getByName("2001:db8:77:0::2")), "IPv6 by value");
        assertFalse(LoopbackRegistry.allowed(java.net.InetAddress.getByName("10.200.77.1")), "the neighbour is not");
        assertTrue(LoopbackRegistry.allowedName("api.staging.example"));
        assertFalse(LoopbackRegistry.allowedName("other.staging.example"));
        java.net.InetAddress resolved = java.net.InetAddress.getByAddress("api.staging.example", new byte[] {10, (byte) 200, 78, 2});
        assertFalse(LoopbackRegistry.allowed(resolved), "before the name resolved to it");
        LoopbackRegistry.resolved("api.staging.example", new java.net.InetAddress[] {resolved});
        assertTrue(LoopbackRegistry.allowed(java.net.InetAddress.getByAddress(new byte[] {10, (byte) 200, 78, 2})),
                "what a target name resolved to");
        LoopbackRegistry.resolved("other.staging.example", new java.net.InetAddress[] {
            java.net.InetAddress.getByAddress(new byte[] {10, (byte) 200, 79, 2})});
        assertFalse(LoopbackRegistry.allowed(java.net.InetAddress.getByAddress(new byte[] {10, (byte) 200, 79, 2})));
        java.net.ConnectException refused = org.junit.jupiter.api.Assertions.assertThrows(java.net.ConnectException.class,
                () -> LoopbackRegistry.checkConnect(java.net.InetAddress.getByName("10.200.77.1"), 80));
        assertTrue(refused.getMessage().contains("targets"), refused.getMessage());
    }
}
