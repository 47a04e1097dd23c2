package dev.gauntlet.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Measures how fast this machine is, before any service starts (about a second): the median round trip of a tiny
 * HTTP/1.1 request to a minimal server on 127.0.0.1 (one keep-alive connection, no Nagle delay, after a warm-up) and the median time of a fixed CPU task
 * (SHA-256 over 8 MB).
 */
public final class Calibrator {
    private static final int ROUND_TRIPS = 300;
    private static final int WARM_UP = 100;
    private static final int CPU_TASKS = 15;

    private Calibrator() {
    }

    /** Measures; throws when loopback cannot be used (the caller notes it and goes on without calibration). */
    public static Calibration measure() throws IOException {
        return new Calibration(loopbackMicros(), cpuMillis());
    }

    static double loopbackMicros() throws IOException {
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
        byte[] request = "GET /calibrate HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            Thread serving = new Thread(() -> serve(server, answer), "gauntlet-calibration");
            serving.setDaemon(true);
            serving.start();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                client.setTcpNoDelay(true);
                client.setSoTimeout(5000);
                OutputStream out = client.getOutputStream();
                InputStream in = client.getInputStream();
                double[] micros = new double[ROUND_TRIPS];
                for (int i = 0; i < WARM_UP + ROUND_TRIPS; i++) {
                    long start = System.nanoTime();
                    out.write(request);
                    out.flush();
                    readUntilBody(in);
                    if (i >= WARM_UP) {
                        micros[i - WARM_UP] = (System.nanoTime() - start) / 1000.0;
                    }
                }
                return median(micros);
            }
        }
    }

    /** Answers every request on one keep-alive connection until the client closes it. */
    private static void serve(ServerSocket server, byte[] answer) {
        try (Socket s = server.accept()) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (readUntilBlankLine(in)) {
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away or timed out: the measurement says so on its side
        }
    }

    /** Reads one request head; false at the end of the stream. */
    private static boolean readUntilBlankLine(InputStream in) throws IOException {
        int state = 0; // counts the bytes of \r\n\r\n seen in a row
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : (b == '\r' ? 1 : 0);
        }
        return true;
    }

    /** Reads one answer: its head, then the 2-byte body. */
    private static void readUntilBody(InputStream in) throws IOException {
        if (!readUntilBlankLine(in) || in.read() < 0 || in.read() < 0) {
            throw new IOException("the calibration server closed the connection");
        }
    }

    static double cpuMillis() {
        byte[] data = new byte[8 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        double[] millis = new double[CPU_TASKS];
        byte[] sink = new byte[0];
        for (int i = 0; i < CPU_TASKS + 3; i++) {
            long start = System.nanoTime();
            sink = sha256(data, sink);
            if (i >= 3) {
                millis[i - 3] = (System.nanoTime() - start) / 1e6;
            }
        }
        if (sink.length == 0) {
            throw new IllegalStateException("unreachable");
        }
        return median(millis);
    }

    private static byte[] sha256(byte[] data, byte[] previous) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(previous);
            d.update(data);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
