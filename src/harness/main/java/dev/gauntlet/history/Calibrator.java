package dev.gauntlet.history;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Measures how fast this machine is, before any service starts (about a second): the median round trip of a tiny
 * HTTP request to a server on 127.0.0.1 (keep-alive, after a warm-up) and the median time of a fixed CPU task
 * (SHA-256 over 2 MB).
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
        byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/calibrate");
            double[] micros = new double[ROUND_TRIPS];
            for (int i = 0; i < WARM_UP + ROUND_TRIPS; i++) {
                long start = System.nanoTime();
                HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
                c.setConnectTimeout(2000);
                c.setReadTimeout(2000);
                try (InputStream in = c.getInputStream()) {
                    in.readAllBytes();
                }
                if (i >= WARM_UP) {
                    micros[i - WARM_UP] = (System.nanoTime() - start) / 1000.0;
                }
            }
            return median(micros);
        } finally {
            server.stop(0);
        }
    }

    static double cpuMillis() {
        byte[] data = new byte[2 << 20];
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
