package dev.gauntlet.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One write the load worker logged ({@code RUN/load/writes.jsonl}).
 *
 * @param t           when it was answered (or sent, with no answer), epoch millis
 * @param operation   the load's operation name ({@code POST /orders})
 * @param method      HTTP method
 * @param path        the request's path and query
 * @param status      the answer's status, 0 for no answer
 * @param location    the answer's {@code Location}, or null
 * @param body        the answer's body when it had no {@code Location}, or null
 * @param credentials the request's headers that say who sent it
 */
record Write(long t, String operation, String method, String path, int status, String location, String body,
             Map<String, String> credentials) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Acknowledged: a 2xx to a POST, PUT or PATCH. */
    boolean acknowledged() {
        return status >= 200 && status < 300 && !method.equals("DELETE");
    }

    /** Indeterminate: a 5xx or no answer to a POST, PUT or PATCH (it may or may not have happened). */
    boolean indeterminate() {
        return (status == 0 || status >= 500) && !method.equals("DELETE");
    }

    /** A DELETE the API acknowledged: the resource may rightly be gone. */
    boolean deleted() {
        return status >= 200 && status < 300 && method.equals("DELETE");
    }

    /** The id in the body ({@code "id"} at the top level), or null. */
    String bodyId() {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode id = n == null ? null : n.get("id");
            return id != null && (id.isTextual() || id.isIntegralNumber()) ? id.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The {@code Location}'s path, or null. */
    String locationPath() {
        if (location == null || location.isBlank()) {
            return null;
        }
        try {
            String p = URI.create(location.trim()).getRawPath();
            return p == null || p.isEmpty() ? null : p;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The template part of the operation name ({@code /orders}). */
    String template() {
        String[] mt = operation.split(" ", 2);
        return mt.length == 2 ? mt[1] : "";
    }

    /** The path without its query. */
    String pathOnly() {
        if (path == null) {
            return null;
        }
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    static List<Write> read(Path file) {
        List<Write> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // a line cut by a killed worker
                }
                Map<String, String> credentials = new LinkedHashMap<>();
                n.path("credentials").fields().forEachRemaining(e -> credentials.put(e.getKey(), e.getValue().asText()));
                out.add(new Write(n.path("t").asLong(), n.path("operation").asText(), n.path("method").asText(),
                        n.hasNonNull("path") ? n.get("path").asText() : null, n.path("status").asInt(),
                        n.hasNonNull("location") ? n.get("location").asText() : null,
                        n.hasNonNull("body") ? n.get("body").asText() : null, credentials));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
