package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real to-do API on 127.0.0.1 (the JDK's HttpServer) for the probes' unit tests: bearer tokens, per-user
 * to-dos, a provider-state hook, a back-office operation for the admin role — and flaws to switch on one at a time.
 */
final class TodoApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else every answer waits for a delayed ACK
    }
    static final Map<String, String> USERS = Map.of("tok-alice", "alice", "tok-bob", "bob", "tok-root", "root");

    /** What a test can break. */
    enum Flaw {
        LIST_LEAK, TOKEN_PREFIX, ROLE_BYPASS, NESTED_ASSIGNMENT, QUOTE_500, CORS, SERVER_VERSION, TRACE_OK, PATCH_OK,
        ACTUATOR, UNBOUNDED, PUT_401, PUT_CHANGES,
        /** While {@link #down(boolean)} says a dependency is down, anyone may rename anyone's to-do. */
        FAIL_OPEN,
        // honest shapes the probes must not flag (or only WARN about)
        /** While down (its identity provider), every authenticated request is answered 503: it fails closed. */
        FAIL_CLOSED,
        /** While down, every request waits until {@link #release()}: a dependency that hangs. */
        HANG,
        /** Requests without credentials to a to-do are rate limited: 429 (Retry-After: 0) every time. */
        RATE_LIMIT_ANON,
        /** {@code Access-Control-Allow-Origin: *} with credentials (browsers refuse it: a WARN). */
        CORS_STAR,
        /** {@code X-Runtime: 0.018} (Rails, a duration) and {@code Server: gunicorn} without a version. */
        RUNTIME_HEADER,
        /** Any other GET without credentials answered 200 with the same index.html (a single-page app). */
        CATCH_ALL,
        /** {@code /actuator} answers Spring Boot's default index: links to health only. */
        ACTUATOR_INDEX,
        /** The session is a cookie, next to a language cookie: {@code Cookie: session=tok-alice; lang=en}. */
        COOKIES,
        /** PATCH renames like PUT (Rails routes both to one action). */
        PATCH_RENAMES,
        /** Every to-do carries the list it is on, the same for everyone ({@code "list": "inbox"}). */
        SHARED_LIST
    }

    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();

    /** Requests received so far. */
    int received() {
        return received.get();
    }

    /** Lets the requests {@link Flaw#HANG} holds go on. */
    void release() {
        release.countDown();
    }

    private volatile boolean down;

    /** A dependency (the permission cache) going down or coming back. */
    void down(boolean isDown) {
        down = isDown;
    }

    private final Set<Flaw> flaws;
    private final HttpServer server;
    private final Map<String, ObjectNode> todos = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    TodoApi(Flaw... flaws) throws IOException {
        this.flaws = flaws.length == 0 ? EnumSet.noneOf(Flaw.class) : EnumSet.of(flaws[0], flaws);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            route(x);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            send(x, 400, "{\"error\":\"not JSON\"}");
        } catch (RuntimeException e) {
            send(x, 500, "{\"error\":\"internal\"}");
        }
    }

    private void route(HttpExchange x) throws IOException {
        received.incrementAndGet();
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getRawPath();
        if (down && flaws.contains(Flaw.HANG)) {
            try {
                release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (flaws.contains(Flaw.SERVER_VERSION)) {
            x.getResponseHeaders().add("Server", "TodoServer/1.4.2");
        }
        if (flaws.contains(Flaw.RUNTIME_HEADER)) {
            x.getResponseHeaders().add("Server", "gunicorn");
            x.getResponseHeaders().add("X-Runtime", "0.018");
        }
        if (flaws.contains(Flaw.CORS_STAR) && origin(x) != null) {
            x.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            x.getResponseHeaders().add("Access-Control-Allow-Credentials", "true");
        }
        String origin = x.getRequestHeaders().getFirst("Origin");
        if (flaws.contains(Flaw.CORS) && origin != null) {
            x.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
            x.getResponseHeaders().add("Access-Control-Allow-Credentials", "true");
        }
        if (method.equals("TRACE")) {
            send(x, flaws.contains(Flaw.TRACE_OK) ? 200 : 405, flaws.contains(Flaw.TRACE_OK) ? "TRACE " + path : "{}");
            return;
        }
        if (path.equals("/_state")) {
            String state = JSON.readTree(body).path("state").asText();
            String[] words = state.split(" ");
            if (state.endsWith("has a todo")) {
                send(x, 200, "{\"todoId\":\"" + create(words[1], "seeded", null).get("id").asText() + "\""
                        + (flaws.contains(Flaw.SHARED_LIST) ? ",\"listName\":\"inbox\"" : "") + "}");
            } else {
                send(x, 200, "{}");
            }
            return;
        }
        if (path.equals("/actuator/env") && flaws.contains(Flaw.ACTUATOR)) {
            send(x, 200, "{\"env\":{}}");
            return;
        }
        if (path.equals("/actuator") && flaws.contains(Flaw.ACTUATOR_INDEX)) {
            send(x, 200, "{\"_links\":{\"self\":{\"href\":\"/actuator\"},\"health\":{\"href\":\"/actuator/health\"}}}");
            return;
        }
        boolean ours = path.startsWith("/todos") || path.startsWith("/admin/");
        if (flaws.contains(Flaw.CATCH_ALL) && method.equals("GET") && !ours) {
            send(x, 200, "<!doctype html><html><body><div id=\"app\"></div></body></html>");
            return;
        }
        if (down && flaws.contains(Flaw.FAIL_CLOSED)) {
            send(x, 503, "{\"error\":\"identity provider unavailable\"}");
            return;
        }
        String credential = x.getRequestHeaders().getFirst("Authorization");
        String cookie = x.getRequestHeaders().getFirst("Cookie");
        if (flaws.contains(Flaw.COOKIES)) {
            credential = null;
            for (String c : cookie == null ? new String[0] : cookie.split(";")) {
                if (c.trim().startsWith("session=")) {
                    credential = "Bearer " + c.trim().substring(8);
                }
            }
        }
        String user = user(credential);
        if (user == null) {
            boolean limited = flaws.contains(Flaw.RATE_LIMIT_ANON) && path.startsWith("/todos/") && credential == null;
            if (limited) {
                x.getResponseHeaders().add("Retry-After", "0");
            }
            send(x, limited ? 429 : 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        if (path.equals("/admin/stats") && method.equals("GET")) {
            boolean admin = user.equals("root") || flaws.contains(Flaw.ROLE_BYPASS);
            send(x, admin ? 200 : 403, admin ? "{\"todos\":" + todos.size() + "}" : "{\"error\":\"forbidden\"}");
            return;
        }
        if (path.startsWith("/admin/todos/") && method.equals("DELETE")) { // back-office purge
            boolean admin = user.equals("root") || flaws.contains(Flaw.ROLE_BYPASS);
            boolean gone = admin && todos.remove(path.substring("/admin/todos/".length())) != null;
            send(x, !admin ? 403 : gone ? 204 : 404, !admin ? "{\"error\":\"forbidden\"}" : "");
            return;
        }
        if (path.equals("/todos") && method.equals("GET")) {
            String query = x.getRequestURI().getRawQuery();
            int limit = query != null && query.startsWith("limit=") ? parse(query.substring(6)) : 10;
            if (limit < 1 || (limit > 50 && !flaws.contains(Flaw.UNBOUNDED))) {
                send(x, 400, "{\"error\":\"limit must be 1..50\"}");
                return;
            }
            List<JsonNode> items = new ArrayList<>();
            todos.values().stream().filter(t -> flaws.contains(Flaw.LIST_LEAK) || t.get("owner").asText().equals(user))
                    .forEach(items::add);
            send(x, 200, "{\"items\":" + JSON.valueToTree(items) + ",\"limit\":" + limit + "}");
            return;
        }
        if (path.equals("/todos") && method.equals("POST")) {
            JsonNode request = JSON.readTree(body);
            if (!request.path("title").isTextual()) {
                send(x, 400, "{\"error\":\"title is required\"}");
                return;
            }
            ObjectNode t = create(user, request.get("title").asText(), request.path("meta"));
            x.getResponseHeaders().add("Location", "/todos/" + t.get("id").asText());
            send(x, 201, t.toString());
            return;
        }
        if (path.startsWith("/todos/")) {
            String id = java.net.URLDecoder.decode(path.substring(7), StandardCharsets.UTF_8);
            if (id.contains("'") && flaws.contains(Flaw.QUOTE_500)) {
                throw new IllegalStateException("quote");
            }
            ObjectNode t = todos.get(id);
            boolean own = t != null && t.get("owner").asText().equals(user);
            String as = method.equals("PATCH") && flaws.contains(Flaw.PATCH_RENAMES) ? "PUT" : method;
            if (as.equals("GET") || (as.equals("PATCH") && flaws.contains(Flaw.PATCH_OK))) {
                send(x, own ? 200 : 404, own ? t.toString() : "{\"error\":\"not found\"}");
            } else if (as.equals("PUT")) {
                if (!JSON.readTree(body).path("title").isTextual() && !flaws.contains(Flaw.PATCH_RENAMES)) {
                    send(x, 400, "{\"error\":\"title is required\"}");
                } else if (!own && t != null && (flaws.contains(Flaw.PUT_CHANGES) || (flaws.contains(Flaw.FAIL_OPEN) && down))) {
                    t.put("title", JSON.readTree(body).path("title").asText());
                    send(x, 200, t.toString());
                } else if (!own) {
                    send(x, flaws.contains(Flaw.PUT_401) ? 401 : 404, "{\"error\":\"no\"}");
                } else { // PATCH_RENAMES: a partial update, the title kept when not sent
                    t.put("title", JSON.readTree(body).path("title").asText(t.get("title").asText()));
                    send(x, 200, t.toString());
                }
            } else {
                send(x, 405, "{\"error\":\"method not allowed\"}");
            }
            return;
        }
        send(x, 404, "{\"error\":\"not found\"}");
    }

    private ObjectNode create(String owner, String title, JsonNode meta) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", "t-" + ids.incrementAndGet());
        t.put("owner", owner);
        t.put("title", title);
        ObjectNode m = t.putObject("meta");
        m.put("note", meta == null ? "" : meta.path("note").asText(""));
        m.put("verified", flaws.contains(Flaw.NESTED_ASSIGNMENT) && meta != null && meta.path("verified").asBoolean());
        if (flaws.contains(Flaw.SHARED_LIST)) {
            t.put("list", "inbox");
        }
        todos.put(t.get("id").asText(), t);
        return t;
    }

    private static String origin(HttpExchange x) {
        return x.getRequestHeaders().getFirst("Origin");
    }

    private String user(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String token = authorization.substring(7);
        if (flaws.contains(Flaw.TOKEN_PREFIX)) {
            return USERS.entrySet().stream().filter(e -> token.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return USERS.get(token);
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
