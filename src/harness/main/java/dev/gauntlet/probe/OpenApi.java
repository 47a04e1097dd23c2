package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the probes read from the provider's OpenAPI 3 document: its paths and methods, an operation's parameters,
 * request and response schemas ({@code $ref}s followed), and its security requirements with their scopes.
 */
final class OpenApi {
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private final JsonNode doc;

    OpenApi(JsonNode doc) {
        this.doc = doc;
    }

    boolean present() {
        return doc != null && doc.path("paths").isObject();
    }

    /** Path template to its documented methods (upper case), in document order. */
    Map<String, Set<String>> paths() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (!present()) {
            return out;
        }
        doc.path("paths").fields().forEachRemaining(p -> {
            Set<String> methods = new LinkedHashSet<>();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m.toLowerCase(Locale.ROOT))) {
                    methods.add(m.toUpperCase(Locale.ROOT));
                }
            });
            out.put(p.getKey(), methods);
        });
        return out;
    }

    /**
     * The documented path template matching {@code pathTemplate} ({@code {id}} and {@code {orderId}} alike), or null:
     * an exact match over all paths first ({@code /users/me}), else the first template that matches it
     * ({@code /users/{id}}).
     */
    String documentedPath(String pathTemplate) {
        String key = key(pathTemplate);
        Set<String> documented = paths().keySet();
        for (String p : documented) {
            if (key(p).equals(key)) {
                return p;
            }
        }
        for (String p : documented) {
            if (PathMatch.matches(p, pathTemplate)) {
                return p;
            }
        }
        return null;
    }

    /** The operation object of {@code method} on the path matching {@code pathTemplate}, or a missing node. */
    JsonNode operation(String method, String pathTemplate) {
        String p = documentedPath(pathTemplate);
        return p == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : doc.path("paths").path(p).path(method.toLowerCase(Locale.ROOT));
    }

    /** The parameters of an operation (path-level ones included), each resolved. */
    List<JsonNode> parameters(String method, String pathTemplate) {
        List<JsonNode> out = new ArrayList<>();
        String p = documentedPath(pathTemplate);
        if (p == null) {
            return out;
        }
        doc.path("paths").path(p).path("parameters").forEach(n -> out.add(resolve(n)));
        operation(method, pathTemplate).path("parameters").forEach(n -> out.add(resolve(n)));
        return out;
    }

    /**
     * The scopes an operation requires, one set per alternative of its security requirement (operation-level, else
     * the document's): empty when it names no scopes, or when one alternative needs none.
     */
    List<Set<String>> requiredScopes(String method, String pathTemplate) {
        JsonNode op = operation(method, pathTemplate);
        JsonNode security = op.has("security") ? op.get("security") : doc == null ? null : doc.get("security");
        List<Set<String>> out = new ArrayList<>();
        if (security == null || !security.isArray()) {
            return out;
        }
        for (JsonNode requirement : security) {
            Set<String> scopes = new LinkedHashSet<>();
            requirement.fields().forEachRemaining(e -> e.getValue().forEach(s -> scopes.add(s.asText())));
            if (scopes.isEmpty()) {
                return List.of();
            }
            out.add(scopes);
        }
        return out;
    }

    /** The JSON schema of an operation's request body, resolved, or a missing node. */
    JsonNode requestSchema(String method, String pathTemplate) {
        JsonNode body = resolve(operation(method, pathTemplate).path("requestBody"));
        return resolve(json(body.path("content")).path("schema"));
    }

    /** The JSON schemas of an operation's 2xx answers, resolved. */
    List<JsonNode> responseSchemas(String method, String pathTemplate) {
        List<JsonNode> out = new ArrayList<>();
        operation(method, pathTemplate).path("responses").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("2")) {
                JsonNode schema = resolve(json(resolve(e.getValue()).path("content")).path("schema"));
                if (!schema.isMissingNode()) {
                    out.add(schema);
                }
            }
        });
        return out;
    }

    /**
     * The schema of property {@code name} of {@code schema} (following {@code allOf}, {@code oneOf} and
     * {@code anyOf}: a property declared under any of them is declared), resolved, or a missing node.
     */
    JsonNode property(JsonNode schema, String name) {
        JsonNode s = resolve(schema);
        JsonNode direct = resolve(s.path("properties").path(name));
        if (!direct.isMissingNode()) {
            return direct;
        }
        for (String combiner : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : s.path(combiner)) {
                JsonNode found = property(part, name);
                if (!found.isMissingNode()) {
                    return found;
                }
            }
        }
        return direct;
    }

    /** {@code node} with a {@code $ref} to this document followed (a few levels), else itself. */
    JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 8 && n != null && n.has("$ref") && doc != null; i++) {
            String ref = n.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                break;
            }
            n = doc.at(ref.substring(1));
        }
        return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
    }

    /** The JSON media type of a {@code content} map (any {@code json} type), or a missing node. */
    private static JsonNode json(JsonNode content) {
        var it = content.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().toLowerCase(Locale.ROOT).contains("json")) {
                return e.getValue();
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static String key(String template) {
        String t = template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1)
                : template;
        return t.replaceAll("\\{[^}/]*}", "{}");
    }

    /** Whether a documented template matches a concrete path (pacts without a document name concrete paths). */
    static final class PathMatch {
        private PathMatch() {
        }

        static boolean matches(String template, String path) {
            String[] t = template.split("/", -1);
            String[] p = path.split("/", -1);
            if (t.length != p.length) {
                return false;
            }
            for (int i = 0; i < t.length; i++) {
                if (!(t[i].startsWith("{") && t[i].endsWith("}")) && !t[i].equals(p[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
