package dev.gauntlet.fault;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probes behind stop, kill, pause and restart, against real sockets on 127.0.0.1. */
class ProcessChecksTest {
    private static ProcessFault fault(ProcessFault.Kind kind) {
        return new ProcessFault("payments", kind, new FaultTiming(null, Duration.ZERO, null));
    }

    private static URI url(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A listening socket nobody serves: the kernel accepts connections, nothing ever answers (a frozen process). */
    private static ServerSocket frozen() throws Exception {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static HttpServer answering() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        server.start();
        return server;
    }

    @Test
    void aClosedPortShowsAStopAndAnOpenOneDoesNot() throws Exception {
        int port;
        try (ServerSocket s = frozen()) {
            port = s.getLocalPort();
        }
        long now = System.currentTimeMillis();
        FaultEvidence stopped = ProcessChecks.refused(fault(ProcessFault.Kind.STOP), url(port), now, now + 5000);
        assertTrue(stopped.tookEffect(), stopped.toString());
        assertTrue(stopped.observed().startsWith("connect to 127.0.0.1:" + port + " refused at +0."), stopped.observed());

        try (ServerSocket s = frozen()) {
            now = System.currentTimeMillis();
            FaultEvidence still = ProcessChecks.refused(fault(ProcessFault.Kind.KILL), url(s.getLocalPort()), now, now + 400);
            assertFalse(still.tookEffect(), still.toString());
            assertTrue(still.observed().contains("still connect accepted") && still.observed().contains("attempts"),
                    still.observed());
            assertTrue(still.expected().equals("connections to payments refused"), still.expected());
        }
    }

    @Test
    void aServiceThatAcceptsButNeverAnswersShowsAPauseAndOneThatAnswersDoesNot() throws Exception {
        try (ServerSocket s = frozen()) {
            FaultEvidence paused = ProcessChecks.silent(fault(ProcessFault.Kind.PAUSE), url(s.getLocalPort()),
                    System.currentTimeMillis(), 300);
            assertTrue(paused.tookEffect(), paused.toString());
            assertTrue(paused.observed().contains("GET / unanswered for"), paused.observed());
        }
        HttpServer server = answering();
        try {
            FaultEvidence awake = ProcessChecks.silent(fault(ProcessFault.Kind.PAUSE), url(server.getAddress().getPort()),
                    System.currentTimeMillis(), 2000);
            assertFalse(awake.tookEffect(), awake.toString());
            assertTrue(awake.observed().contains("answered 'HTTP/1.1 404 Not Found'"), awake.observed());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRestartIsShownByANewInstanceThatAnswers() throws Exception {
        HttpServer server = answering();
        try {
            URI url = url(server.getAddress().getPort());
            long now = System.currentTimeMillis();
            FaultEvidence replaced = ProcessChecks.replaced(fault(ProcessFault.Kind.RESTART), url, now, "pid 10", "pid 11");
            assertTrue(replaced.tookEffect(), replaced.toString());
            assertTrue(replaced.observed().startsWith("pid 10 replaced by pid 11; GET / answered"), replaced.observed());
            FaultEvidence same = ProcessChecks.replaced(fault(ProcessFault.Kind.RESTART), url, now, "pid 10", "pid 10");
            assertFalse(same.tookEffect(), "the same process still runs: " + same);
            assertTrue(same.observed().startsWith("still pid 10"), same.observed());
        } finally {
            server.stop(0);
        }
    }
}
