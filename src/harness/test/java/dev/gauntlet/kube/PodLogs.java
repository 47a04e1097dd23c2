package dev.gauntlet.kube;

import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The pods' logs as the API server serves them ({@code pods/log}). */
final class PodLogs {
    private PodLogs() {
    }

    /** {@code GET …/pods/NAME/log}: the container's output, its last {@code tailLines}, with time stamps if asked. */
    static MockResponse serve(String pod, Path log, boolean exists, String query) {
        if (log != null && !exists) {
            return new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"status\":\"Failure\","
                    + "\"message\":\"pods \\\"" + pod + "\\\" not found\",\"reason\":\"NotFound\",\"code\":404}");
        }
        if (log == null) {
            return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"status\":\"Failure\","
                    + "\"message\":\"container \\\"injector\\\" in pod \\\"" + pod + "\\\" is waiting to start\","
                    + "\"code\":400}");
        }
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String kv : query.split("&")) {
                String[] p = kv.split("=", 2);
                params.put(p[0], p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            if (params.containsKey("tailLines")) {
                int n = Integer.parseInt(params.get("tailLines"));
                lines = lines.subList(Math.max(0, lines.size() - n), lines.size());
            }
            if ("true".equals(params.get("timestamps"))) {
                String at = Files.exists(log) ? Files.getLastModifiedTime(log).toInstant().toString() : "";
                lines = lines.stream().map(l -> at + " " + l).toList();
            }
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
                    .setBody(lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
        } catch (IOException e) {
            return new MockResponse().setResponseCode(500).setBody(e.toString());
        }
    }
}
