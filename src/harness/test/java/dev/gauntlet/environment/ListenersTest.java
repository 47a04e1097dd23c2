package dev.gauntlet.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A started service that listens on every interface instead of loopback is found, naming the address. */
class ListenersTest {
    private static final List<String> TCP = List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0 100 0 0 10 0",
            "   1: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 112 1 0 100 0 0 10 0",
            "   2: 00000000:1F92 0100007F:A090 01 00000000:00000000 00:00000000 00000000     0        0 113 1 0 100 0 0 10 0",
            "   3: 00000000:1F93 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 999 1 0 100 0 0 10 0");
    private static final List<String> TCP6 = List.of(
            "  sl  local_address                         remote_address                        st tx_queue rx_queue",
            "   0: 00000000000000000000000000000000:1F94 00000000000000000000000000000000:0000 0A 00000000:00000000 "
                    + "00:00000000 00000000     0        0 114 1 0 100 0 0 10 0",
            "   1: 00000000000000000000000001000000:1F95 00000000000000000000000000000000:0000 0A 00000000:00000000 "
                    + "00:00000000 00000000     0        0 115 1 0 100 0 0 10 0");

    @Test
    void onlyWildcardListenersOfTheServicesOwnSocketsAreFound() {
        Set<String> own = Set.of("111", "112", "113", "114", "115");
        assertEquals(List.of("0.0.0.0:8080"), Listeners.wildcard(TCP, own), "not loopback, not a connection, "
                + "not another process's socket");
        assertEquals(List.of("[::]:8084"), Listeners.wildcard(TCP6, own), "not ::1");
    }

    @Test
    void aLoopbackListenerOfThisJvmIsNotReported() throws IOException {
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(List.of(), Listeners.wildcard(ProcessHandle.current().pid()));
        }
    }

    /**
     * A real process listening on 0.0.0.0, in a network namespace of its own that has only {@code lo} (so the
     * wildcard socket is reachable from nowhere): its address is read from that namespace's table.
     */
    @Test
    void aProcessListeningOnEveryInterfaceIsFound() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$0\" -cp \"$1\" "
                    + "dev.gauntlet.environment.ListenersTest\\$Wildcard", ProcessHandle.current().info().command()
                    .orElse("java"), System.getProperty("java.class.path")).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no unshare here: " + e.getMessage());
            return;
        }
        try {
            String line = String.valueOf(new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))
                    .readLine()).trim();
            Assumptions.assumeTrue(line.startsWith("listening "), "cannot make a network namespace here: " + line);
            List<String> found = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                found = Listeners.wildcard(p.pid());
                Thread.sleep(50);
            }
            String port = line.substring("listening ".length());
            // a JVM's 0.0.0.0 socket is dual-stack: the kernel lists it as :: in tcp6
            assertTrue(found.equals(List.of("0.0.0.0:" + port)) || found.equals(List.of("[::]:" + port)), found::toString);
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        }
    }

    /** Listens on 0.0.0.0 until killed (run inside a fresh network namespace only). */
    public static final class Wildcard {
        public static void main(String[] args) throws Exception {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
                System.out.println("listening " + s.getLocalPort());
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}
