package dev.gauntlet.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares a JSON body whose values at some paths ({@code $.id}, {@code $.items[*].sku}, {@code $['a-b']}) are
 * filled on every request: the body is serialised once with a marker at each such value and cut there, so a request
 * only concatenates literal pieces and the fresh values.
 */
final class JsonSlots {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "@@gauntlet-slot-%d@@";
    private static final Pattern STEP = Pattern.compile("\\.([^.\\[\\]]+)|\\['([^']*)']|\\[\"([^\"]*)\"]|\\[(\\d+|\\*)]");

    private JsonSlots() {
    }

    /**
     * @param body  the JSON body
     * @param slots path → the part that writes the value there, given the example value found at that place (as a
     *              Java value); a path that matches nothing adds no slot (as in Pact JVM)
     * @return the body as a template, or null when a path is not one this can follow (the caller falls back)
     */
    static TextTemplate of(String body, Map<String, Function<Object, TextTemplate.Part>> slots) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (root == null) {
            return null;
        }
        List<TextTemplate.Part> parts = new ArrayList<>();
        Map<String, TextTemplate.Part> markers = new LinkedHashMap<>();
        for (Map.Entry<String, Function<Object, TextTemplate.Part>> slot : slots.entrySet()) {
            List<Place> places = find(root, slot.getKey());
            if (places == null) {
                return null;
            }
            for (Place p : places) {
                String marker = String.format(MARKER, markers.size());
                markers.put(marker, slot.getValue().apply(JSON.convertValue(p.value(), Object.class)));
                if (p.parent() == null) {
                    root = TextNode.valueOf(marker);
                } else {
                    p.set(TextNode.valueOf(marker));
                }
            }
        }
        String text;
        try {
            text = JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return null;
        }
        int at = 0;
        while (at < text.length()) {
            int next = -1;
            String which = null;
            for (String m : markers.keySet()) {
                int i = text.indexOf("\"" + m + "\"", at);
                if (i >= 0 && (next < 0 || i < next)) {
                    next = i;
                    which = m;
                }
            }
            if (next < 0) {
                parts.add(new TextTemplate.Literal(text.substring(at)));
                break;
            }
            parts.add(new TextTemplate.Literal(text.substring(at, next)));
            parts.add(markers.get(which));
            at = next + which.length() + 2;
        }
        return TextTemplate.of(parts);
    }

    /** A value inside the tree and how to replace it. */
    private record Place(ContainerNode<?> parent, String field, int index, JsonNode value) {
        void set(JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(field, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    /** Every value {@code path} points at, or null when the path is not of the supported kind. */
    private static List<Place> find(JsonNode root, String path) {
        String p = path.trim();
        if (!p.startsWith("$")) {
            p = "$." + p;
        }
        List<Place> current = new ArrayList<>(List.of(new Place(null, null, -1, root)));
        Matcher m = STEP.matcher(p);
        int at = 1;
        while (at < p.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            String field = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String index = m.group(4);
            List<Place> next = new ArrayList<>();
            for (Place place : current) {
                JsonNode node = place.value();
                if (field != null && field.equals("*") && node instanceof ObjectNode o) {
                    o.fieldNames().forEachRemaining(f -> next.add(new Place(o, f, -1, o.get(f))));
                } else if (field != null && node instanceof ObjectNode o && o.has(field)) {
                    next.add(new Place(o, field, -1, o.get(field)));
                } else if (index != null && node instanceof ArrayNode a) {
                    if (index.equals("*")) {
                        for (int i = 0; i < a.size(); i++) {
                            next.add(new Place(a, null, i, a.get(i)));
                        }
                    } else if (Integer.parseInt(index) < a.size()) {
                        int i = Integer.parseInt(index);
                        next.add(new Place(a, null, i, a.get(i)));
                    }
                }
            }
            current = next;
            at = m.end();
        }
        return current;
    }
}
