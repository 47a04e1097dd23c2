package dev.gauntlet.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's toxics against a real line server on 127.0.0.1: each one measurably in effect while on (its own count,
 * and what a client sees), and gone once reverted. Bounds are lower bounds only (a toxic's delay is at least what it
 * was asked for), except where an off toxic would take many seconds.
 */
class TcpProxyTest {
    private ServerSocket server;
    private TcpProxy proxy;
    private final List<Socket> clients = new ArrayList<>();

    /** Answers each line with the same line; "big N" with N bytes and a newline; "bye" closes the connection. */
    @BeforeEach
    void lineServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread c = new Thread(() -> serve(s));
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = TcpProxy.start("lines", server.getLocalPort());
    }

    private static void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = s.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("bye")) {
                    return;
                }
                byte[] answer = line.startsWith("big ") ? ("x".repeat(Integer.parseInt(line.substring(4))) + "\n")
                        .getBytes(StandardCharsets.UTF_8) : (line + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @AfterEach
    void close() throws IOException {
        for (Socket c : clients) {
            c.close();
        }
        proxy.close();
        server.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 1000);
        s.setSoTimeout(10_000);
        clients.add(s);
        return s;
    }

    /** Sends a line and reads the answer line. */
    private static String ask(Socket s, String line) throws IOException {
        s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        StringBuilder answer = new StringBuilder();
        InputStream in = s.getInputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            answer.append((char) b);
        }
        if (b < 0) {
            throw new SocketException("closed after " + answer.length() + " bytes");
        }
        return answer.toString();
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void passesBytesThroughUnchangedWhenHealthy() throws IOException {
        Socket s = connect();
        assertEquals("hello", ask(s, "hello"));
        assertEquals(100_000, ask(s, "big 100000").length());
        assertEquals(proxy.upstreamPort(), server.getLocalPort());
    }

    @Test
    void latencyDelaysEveryAnswerWhileOnAndNoLonger() throws IOException {
        Socket s = connect();
        assertEquals("warm", ask(s, "warm"));
        TcpProxy.Applied latency = proxy.apply(Toxic.latency(Duration.ofMillis(400), Duration.ofMillis(100)));
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            assertEquals("slow" + i, ask(s, "slow" + i));
            assertTrue(millis(t0) >= 300, "each answer is delayed at least latency - jitter: " + millis(t0) + " ms");
        }
        ToxicEffect effect = latency.revert();
        assertEquals(1, effect.connections());
        assertTrue(effect.chunks() >= 3, effect.describe());
        assertTrue(effect.minDelay() >= 300 && effect.maxDelay() >= effect.minDelay(), effect.describe());
        assertEquals(effect, latency.revert(), "reverting twice changes nothing");
        long t0 = System.nanoTime();
        assertEquals("fast", ask(s, "fast"));
        assertTrue(millis(t0) < 300, "off again: " + millis(t0) + " ms");
    }

    @Test
    void bandwidthThrottlesTheAnswersBytes() throws IOException {
        Socket s = connect();
        TcpProxy.Applied bandwidth = proxy.apply(Toxic.bandwidth(40_000));
        long t0 = System.nanoTime();
        assertEquals(60_000, ask(s, "big 60000").length());
        assertTrue(millis(t0) >= 1200, "60 kB at 40 kB/s take 1.5 s (at least 1.2 s): " + millis(t0) + " ms");
        ToxicEffect effect = bandwidth.revert();
        assertTrue(effect.bytes() >= 60_000, effect.describe());
        assertEquals(1, effect.connections());
        long t1 = System.nanoTime();
        assertEquals(60_000, ask(s, "big 60000").length());
        assertTrue(millis(t1) < 1200, "off again: " + millis(t1) + " ms");
    }

    @Test
    void resetCutsOpenConnectionsAndNewOnesUntilReverted() throws IOException {
        Socket open = connect();
        assertEquals("a", ask(open, "a"));
        TcpProxy.Applied reset = proxy.apply(Toxic.of(Toxic.Kind.RESET));
        assertThrows(IOException.class, () -> ask(open, "b"), "the open connection was reset");
        assertThrows(IOException.class, () -> ask(connect(), "c"), "a new connection is reset as soon as it is accepted");
        ToxicEffect effect = reset.revert();
        assertEquals(2, effect.connections(), effect.describe());
        assertEquals("d", ask(connect(), "d"));
    }

    @Test
    void blackholeHoldsEverythingUntilRevertedThenLetsItThrough() throws IOException {
        Socket s = connect();
        TcpProxy.Applied blackhole = proxy.apply(Toxic.of(Toxic.Kind.BLACKHOLE));
        s.setSoTimeout(700);
        assertThrows(SocketTimeoutException.class, () -> ask(s, "held"), "accepted, never answered while on");
        Socket fresh = connect();
        fresh.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> ask(fresh, "new"), "a new connection is held too");
        ToxicEffect effect = blackhole.revert();
        assertEquals(2, effect.connections(), effect.describe());
        assertTrue(effect.bytes() >= "held\n".length(), effect.describe());
        s.setSoTimeout(10_000);
        assertEquals("held", ask(s, "after"), "once off, the held line gets through and is answered first");
        assertEquals("after", ask(s, "again"), "then the next, in order: nothing was lost");
    }

    @Test
    void slowCloseDelaysTheCloseOnly() throws IOException {
        Socket s = connect();
        TcpProxy.Applied slowClose = proxy.apply(Toxic.slowClose(Duration.ofMillis(800)));
        assertEquals("still answered", ask(s, "still answered"));
        s.getOutputStream().write("bye\n".getBytes(StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        assertEquals(-1, s.getInputStream().read(), "closed in the end");
        assertTrue(millis(t0) >= 700, "the close came at least 0.8 s late (0.1 s tolerance): " + millis(t0) + " ms");
        assertEquals(1, slowClose.revert().connections());
    }

    @Test
    void downRefusesConnectsAndCutsOpenOnesThenListensOnTheSamePortAgain() throws IOException {
        Socket open = connect();
        assertEquals("a", ask(open, "a"));
        int port = proxy.port();
        TcpProxy.Applied down = proxy.apply(Toxic.of(Toxic.Kind.DOWN));
        assertThrows(IOException.class, () -> ask(open, "b"), "the open connection is cut");
        assertThrows(ConnectException.class, this::connect, "connect refused");
        ToxicEffect effect = down.revert();
        assertEquals(1, effect.connections(), effect.describe());
        assertEquals(port, proxy.port());
        assertEquals("c", ask(connect(), "c"));
    }

    @Test
    void aFractionHitsSomeConnectionsOnlyAndEachOneAlwaysOrNever() throws IOException {
        TcpProxy.Applied reset = proxy.apply(Toxic.of(Toxic.Kind.RESET).on(0.5));
        int cut = 0;
        for (int i = 0; i < 24; i++) {
            try {
                ask(connect(), "x");
            } catch (IOException e) {
                cut++;
            }
        }
        ToxicEffect effect = reset.revert();
        assertEquals(cut, effect.connections(), effect.describe());
        assertEquals(12, cut, "half of 24 connections");
        assertEquals(24, effect.accepted());
    }

    /** A client's small pool, open before the fault: a share of it is hit, never none (a draw missed 3 of 3 at 1/8). */
    @Test
    void aFractionOfAFewOpenConnectionsHitsAtLeastOne() throws IOException {
        for (int round = 0; round < 20; round++) {
            List<Socket> pool = List.of(connect(), connect(), connect());
            for (Socket s : pool) {
                ask(s, "warm");
            }
            TcpProxy.Applied reset = proxy.apply(Toxic.of(Toxic.Kind.RESET).on(0.5));
            int cut = 0;
            for (Socket s : pool) {
                try {
                    ask(s, "x");
                } catch (IOException e) {
                    cut++;
                }
            }
            ToxicEffect effect = reset.revert();
            assertEquals(2, cut, "50 % of 3 open connections, round " + round + ": " + effect.describe());
            assertTrue(effect.hitAny(), effect.describe());
            for (Socket s : pool) {
                s.close();
            }
        }
    }

    @Test
    void aToxicThatHitNothingSaysSo() {
        ToxicEffect effect = proxy.apply(Toxic.latency(Duration.ofMillis(100), Duration.ZERO)).revert();
        assertFalse(effect.hitAny());
        assertTrue(effect.describe().contains("0 connection(s) accepted while on"), effect.describe());
    }
}
