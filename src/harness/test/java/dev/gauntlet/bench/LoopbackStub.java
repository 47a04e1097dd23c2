package dev.gauntlet.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A JDK HTTP server on 127.0.0.1 answering one path with a fixed body after a fixed delay: the benchmarks' target. */
final class LoopbackStub implements AutoCloseable {
    private final HttpServer server;

    private LoopbackStub(HttpServer server) {
        this.server = server;
    }

    static LoopbackStub start(String path, long delayMillis) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        server.createContext(path, x -> {
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.setExecutor(delayMillis > 0 ? Executors.newCachedThreadPool() : Executors.newFixedThreadPool(4));
        server.start();
        return new LoopbackStub(server);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
