package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * What the provider answered a probe's request.
 *
 * @param status  HTTP status, 0 when there was no answer
 * @param headers first value of each header, lower-case names
 * @param body    the body as text (empty when none)
 * @param error   why there was no answer, or null
 */
record Reply(int status, Map<String, String> headers, String body, String error) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 600;

    Reply {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    boolean is2xx() {
        return status >= 200 && status < 300;
    }

    boolean is4xx() {
        return status >= 400 && status < 500;
    }

    boolean is5xx() {
        return status >= 500;
    }

    /** The body as JSON, or null when it is none or not JSON. */
    JsonNode json() {
        if (body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code 204} or {@code no answer (timeout)}. */
    String describe() {
        return status == 0 ? "no answer (" + error + ")" : Integer.toString(status);
    }

    ProbeResult.Answer excerpt() {
        return new ProbeResult.Answer(status, status == 0 ? error : excerpt(body));
    }

    static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "… (" + text.length() + " characters)";
    }
}
