package dev.gauntlet.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies changed as text, for values a JSON tree cannot hold (5 000 levels of nesting). */
final class JsonBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "\"gauntlet-raw-value-mark\"";

    private JsonBodies() {
    }

    /** The JSON object {@code body} with field {@code field} set to the raw JSON {@code value}, or null if not an object. */
    static String withRaw(String body, String field, String value) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (!(tree instanceof ObjectNode o)) {
                return null;
            }
            o.put(field, "gauntlet-raw-value-mark");
            return o.toString().replace(MARK, value);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
