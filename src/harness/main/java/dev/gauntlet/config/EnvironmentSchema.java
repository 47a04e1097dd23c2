package dev.gauntlet.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes the JSON Schema (draft-07) of environment files from {@link FileModel}, for editors to complete and check
 * them ({@code # yaml-language-server: $schema=../schema/environment.schema.json}). {@code gauntlet schema} prints it;
 * the copy in {@code schema/environment.schema.json} is kept equal to it by a unit test.
 *
 * <p>An environment file that {@code extends} another writes only what it changes, and mappings merge, so the schema
 * requires {@code name} and {@code services} only of a file that extends none, and a mapping's required fields only
 * of list items (a list is replaced whole, never merged). Any optional field may be {@code null}: it drops what an
 * extended file set.
 */
public final class EnvironmentSchema {
    /** Where the project keeps the schema, relative to the project folder. */
    public static final String FILE = "schema/environment.schema.json";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EnvironmentSchema() {
    }

    /** The schema as pretty-printed JSON, ending with a newline. */
    public static String text() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema())
                    .replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode schema() {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", "gauntlet environment file");
        Shape.Fields model = FileModel.root();
        root.setAll(shape(model, false));
        ObjectNode ifNode = root.putObject("if");
        ifNode.putObject("not").putArray("required").add("extends");
        ArrayNode required = root.putObject("then").putArray("required");
        model.required().forEach(required::add);
        return root;
    }

    private static ObjectNode shape(Shape shape, boolean inList) {
        ObjectNode n = JSON.objectNode();
        n.put("description", shape.description());
        if (shape instanceof Shape.Text t) {
            n.put("type", "string");
            if (t.pattern() != null) {
                n.put("pattern", t.pattern());
            }
        } else if (shape instanceof Shape.Number num) {
            n.put("type", num.whole() ? "integer" : "number");
            if (num.minimum() != null) {
                n.put("minimum", num.minimum());
            }
            if (num.maximum() != null) {
                n.put("maximum", num.maximum());
            }
        } else if (shape instanceof Shape.Flag) {
            n.put("type", "boolean");
        } else if (shape instanceof Shape.Choice c) {
            n.put("type", "string");
            ArrayNode values = n.putArray("enum");
            c.values().forEach(values::add);
        } else if (shape instanceof Shape.Scalar) {
            n.putArray("type").add("string").add("number");
        } else if (shape instanceof Shape.Fields f) {
            fields(n, f, inList);
        } else if (shape instanceof Shape.MapOf m) {
            n.put("type", "object");
            n.set("additionalProperties", nullable(shape(m.value(), false)));
        } else if (shape instanceof Shape.ListOf l) {
            n.put("type", "array");
            n.set("items", shape(l.item(), true));
        } else if (shape instanceof Shape.Either e) {
            ArrayNode any = n.putArray("anyOf");
            e.options().forEach(o -> any.add(shape(o, inList)));
        }
        return n;
    }

    private static void fields(ObjectNode n, Shape.Fields f, boolean inList) {
        n.put("type", "object");
        ObjectNode properties = n.putObject("properties");
        for (Map.Entry<String, Shape> e : f.fields().entrySet()) {
            ObjectNode p = shape(e.getValue(), false);
            properties.set(e.getKey(), f.required().contains(e.getKey()) ? p : nullable(p));
        }
        n.put("additionalProperties", false);
        if (inList && !f.required().isEmpty()) {
            ArrayNode required = n.putArray("required");
            f.required().forEach(required::add);
        }
        if (!f.exactlyOne().isEmpty()) {
            ArrayNode one = n.putArray("oneOf");
            f.exactlyOne().forEach(k -> one.addObject().putArray("required").add(k));
        }
    }

    /** {@code p} that also accepts null (an extending file's way to drop a field). */
    private static ObjectNode nullable(ObjectNode p) {
        if (p.has("anyOf")) {
            ((ArrayNode) p.get("anyOf")).addObject().put("type", "null");
        } else if (p.get("type").isArray()) {
            ((ArrayNode) p.get("type")).add("null");
        } else {
            String type = p.get("type").asText();
            p.putArray("type").add(type).add("null");
            if (p.has("enum")) {
                ((ArrayNode) p.get("enum")).addNull();
            }
        }
        return p;
    }
}
