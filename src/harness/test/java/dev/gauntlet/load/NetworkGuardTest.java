package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkGuardTest {
    @Test
    void loopbackIsAllowed() {
        for (String host : List.of("127.0.0.1", "127.0.0.1:8080", "localhost", "localhost:443", "::1", "[::1]:80", "127.8.9.10")) {
            assertTrue(NetworkGuard.allowed(host), host);
        }
    }

    @Test
    void everythingElseIsRefused() {
        for (String host : List.of("gatling.io", "repo1.maven.org:443", "10.0.0.1", "192.168.1.1:80", "8.8.8.8", "[2001:db8::1]:80")) {
            assertFalse(NetworkGuard.allowed(host), host);
        }
    }

    @Test
    void aRefusedAttemptIsRememberedWithoutConnecting() {
        NetworkGuard guard = new NetworkGuard();
        SecurityException e = assertThrows(SecurityException.class, () -> guard.checkConnect("analytics.example", 443));
        assertTrue(e.getMessage().contains("stays on 127.0.0.1"));
        guard.checkConnect("127.0.0.1", 8080);
        assertEquals(List.of("analytics.example"), guard.refused());
    }
}
