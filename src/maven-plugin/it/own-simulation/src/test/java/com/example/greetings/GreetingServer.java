package com.example.greetings;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A tiny greetings API on the JDK's HTTP server: {@code java GreetingServer PORT}, bound to 127.0.0.1. */
public final class GreetingServer {
    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/health", ex -> answer(ex, 200, "{\"status\":\"UP\"}"));
        server.createContext("/greetings/", ex -> {
            String name = ex.getRequestURI().getPath().substring("/greetings/".length());
            answer(ex, name.isEmpty() ? 404 : 200, "{\"greeting\":\"Hello, " + name + "!\"}");
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("greetings listening on 127.0.0.1:" + args[0]);
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }
}
