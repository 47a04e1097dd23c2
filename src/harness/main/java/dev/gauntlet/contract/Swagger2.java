package dev.gauntlet.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Swagger 2.0 document (PostgREST and many older APIs serve one) converted to the OpenAPI 3 shape the rest of the
 * harness reads: {@code basePath} prefixed to every path; {@code in: body} and {@code in: formData} parameters become
 * a {@code requestBody}; a response's {@code schema} becomes its {@code content}; {@code definitions},
 * {@code parameters}, {@code responses} and {@code securityDefinitions} move under {@code components} and every
 * {@code $ref} follows them. Operations keep their tags, parameters (the schema of a simple one wrapped as 3 does)
 * and {@code security}.
 */
final class Swagger2 {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final Map<String, String> REFS = Map.of("#/definitions/", "#/components/schemas/",
            "#/parameters/", "#/components/parameters/", "#/responses/", "#/components/responses/");
    private static final List<String> SIMPLE = List.of("type", "format", "items", "enum", "default", "minimum",
            "maximum", "minLength", "maxLength", "pattern", "collectionFormat");

    private Swagger2() {
    }

    static boolean isSwagger2(JsonNode doc) {
        return doc != null && doc.path("swagger").asText("").startsWith("2.");
    }

    /** The document as OpenAPI 3.0 (the original is not changed). */
    static JsonNode toOpenApi3(JsonNode swagger) {
        JsonNode doc = refs(swagger.deepCopy());
        ObjectNode out = JSON.createObjectNode();
        out.put("openapi", "3.0.3");
        copy(doc, out, "info", "tags", "security", "externalDocs");
        String base = doc.path("basePath").asText("");
        base = base.equals("/") ? "" : PathTemplates.path(base);
        List<String> produces = strings(doc.path("produces"));
        List<String> consumes = strings(doc.path("consumes"));
        ObjectNode paths = out.putObject("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            paths.set(base + p.getKey(), pathItem(p.getValue(), produces, consumes));
        }
        ObjectNode components = out.putObject("components");
        move(doc, "definitions", components, "schemas");
        move(doc, "securityDefinitions", components, "securitySchemes");
        if (doc.path("parameters").isObject()) {
            ObjectNode params = components.putObject("parameters");
            doc.get("parameters").fields().forEachRemaining(e -> params.set(e.getKey(), parameter(e.getValue())));
        }
        if (doc.path("responses").isObject()) {
            ObjectNode responses = components.putObject("responses");
            doc.get("responses").fields().forEachRemaining(e -> responses.set(e.getKey(), response(e.getValue(),
                    produces)));
        }
        return out;
    }

    private static ObjectNode pathItem(JsonNode item, List<String> produces, List<String> consumes) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode shared = JSON.createArrayNode();
        item.path("parameters").forEach(shared::add);
        item.fields().forEachRemaining(e -> {
            if (METHODS.contains(e.getKey())) {
                out.set(e.getKey(), operation(e.getValue(), shared, produces, consumes));
            }
        });
        return out;
    }

    private static ObjectNode operation(JsonNode op, ArrayNode shared, List<String> produces, List<String> consumes) {
        ObjectNode out = JSON.createObjectNode();
        copy(op, out, "tags", "summary", "description", "operationId", "deprecated", "security", "externalDocs");
        List<String> opProduces = op.has("produces") ? strings(op.get("produces")) : produces;
        List<String> opConsumes = op.has("consumes") ? strings(op.get("consumes")) : consumes;
        ArrayNode params = JSON.createArrayNode();
        ObjectNode form = null;
        ArrayNode all = JSON.createArrayNode();
        shared.forEach(all::add);
        op.path("parameters").forEach(all::add);
        for (JsonNode p : all) {
            String in = p.path("in").asText("");
            if (in.equals("body")) {
                ObjectNode body = out.putObject("requestBody");
                body.put("required", p.path("required").asBoolean(false));
                content(body, p.path("schema"), opConsumes.isEmpty() ? List.of("application/json") : opConsumes);
            } else if (in.equals("formData")) {
                if (form == null) {
                    form = JSON.createObjectNode().put("type", "object");
                    form.putObject("properties");
                    content(out.putObject("requestBody"), form, opConsumes.isEmpty()
                            ? List.of("application/x-www-form-urlencoded") : opConsumes);
                }
                ((ObjectNode) form.get("properties")).set(p.path("name").asText(), schema(p));
            } else {
                params.add(parameter(p));
            }
        }
        if (!params.isEmpty()) {
            out.set("parameters", params);
        }
        ObjectNode responses = out.putObject("responses");
        op.path("responses").fields().forEachRemaining(e -> responses.set(e.getKey(), response(e.getValue(),
                opProduces)));
        return out;
    }

    private static JsonNode parameter(JsonNode p) {
        if (p.has("$ref") || p.has("schema")) {
            return p;
        }
        ObjectNode out = JSON.createObjectNode();
        copy(p, out, "name", "in", "description", "required");
        out.set("schema", schema(p));
        return out;
    }

    private static ObjectNode schema(JsonNode p) {
        ObjectNode schema = JSON.createObjectNode();
        for (String f : SIMPLE) {
            if (p.has(f) && !f.equals("collectionFormat")) {
                schema.set(f, p.get(f));
            }
        }
        return schema;
    }

    private static JsonNode response(JsonNode r, List<String> produces) {
        if (r.has("$ref")) {
            return r;
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("description", r.path("description").asText(""));
        copy(r, out, "headers");
        if (r.has("schema")) {
            content(out, r.get("schema"), produces.isEmpty() ? List.of("application/json") : produces);
        }
        return out;
    }

    private static void content(ObjectNode parent, JsonNode schema, List<String> types) {
        ObjectNode content = parent.putObject("content");
        types.forEach(t -> content.putObject(t).set("schema", schema));
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.has(f)) {
                to.set(f, from.get(f));
            }
        }
    }

    private static void move(JsonNode from, String field, ObjectNode to, String as) {
        if (from.path(field).isObject()) {
            to.set(as, from.get(field));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Every {@code $ref} rewritten to where OpenAPI 3 keeps its target (in place). */
    private static JsonNode refs(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isTextual()) {
                String r = ref.asText();
                for (Map.Entry<String, String> e : REFS.entrySet()) {
                    if (r.startsWith(e.getKey())) {
                        o.set("$ref", TextNode.valueOf(e.getValue() + r.substring(e.getKey().length())));
                    }
                }
            }
            o.fields().forEachRemaining(e -> refs(e.getValue()));
        } else if (node instanceof ArrayNode a) {
            a.forEach(Swagger2::refs);
        }
        return node;
    }
}
