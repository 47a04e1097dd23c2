package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment files' JSON Schema: the committed copy is the generated one, the readers accept exactly the fields
 * the model ({@link FileModel}) describes — proven by driving them with an unknown field in every mapping — every
 * shipped file validates, and the known mistakes are rejected.
 */
class EnvironmentSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String UNKNOWN = "zzUnknownField";
    private static final List<String> FIXTURES = List.of("every-local-field.yaml", "every-container-field.yaml",
            "every-external-field.yaml");

    @TempDir
    Path dir;

    /** With {@code -Dgauntlet.schema.write=true} it writes the schema first, so the check passes again. */
    @Test
    void theCommittedSchemaIsTheGeneratedOne() throws IOException {
        if (Boolean.getBoolean("gauntlet.schema.write")) {
            Files.writeString(Path.of(EnvironmentSchema.FILE), EnvironmentSchema.text());
        }
        assertEquals(EnvironmentSchema.text(), Files.readString(Path.of(EnvironmentSchema.FILE)),
                EnvironmentSchema.FILE + " differs from the configuration model (config/FileModel): regenerate it with "
                        + "'mvn -B -o -q -pl src/harness test -Dtest=EnvironmentSchemaTest -Dgauntlet.schema.write=true' "
                        + "(or 'java -jar target/gauntlet.jar schema --out " + EnvironmentSchema.FILE + "') and commit it");
    }

    @Test
    void theReadersAcceptExactlyTheFieldsOfTheModelInEveryMapping() throws IOException {
        Map<String, Shape.Fields> visited = new LinkedHashMap<>();
        for (String fixture : FIXTURES) {
            JsonNode tree = YAML.readTree(fixture(fixture));
            Path file = dir.resolve(fixture);
            Files.writeString(file, YAML.writeValueAsString(tree));
            GateSpecs.load(file, Map.of()); // the fixture itself is valid
            String kind = tree.path("kind").asText("local");
            List<String[]> mappings = new ArrayList<>();
            walk(tree, FileModel.root(), "", "", kind, mappings, visited);
            for (String[] at : mappings) {
                Shape.Fields fields = visited.get(at[1]);
                ObjectNode copy = tree.deepCopy();
                ((ObjectNode) (at[0].isEmpty() ? copy : copy.at(pointer(at[0])))).put(UNKNOWN, 1);
                Files.writeString(file, YAML.writeValueAsString(copy));
                ConfigException e = assertThrows(ConfigException.class, () -> GateSpecs.load(file, Map.of()),
                        fixture + ": the readers accepted an unknown field at " + at[0]);
                assertEquals((at[0].isEmpty() ? "" : at[0] + ".") + UNKNOWN, e.field(), e.getMessage());
                Set<String> expected = new TreeSet<>(fields.fields().keySet());
                if (at[0].isEmpty()) {
                    expected.remove("extends"); // read by Sources before the reader sees the file
                }
                assertEquals(expected, accepted(e.getMessage()), fixture + ": " + at[0] + " (" + at[1] + "): the reader "
                        + "accepts other fields than FileModel describes; add or remove them in FileModel");
            }
        }
        Map<String, Shape.Fields> all = new LinkedHashMap<>();
        everyMapping(FileModel.root(), "", all);
        assertEquals(all.keySet(), visited.keySet(), "a mapping of FileModel no fixture drives: add it to one of "
                + FIXTURES);
    }

    @Test
    void everyShippedFileAndFixtureValidatesAndNamesTheSchema() throws IOException {
        Schema schema = schema();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("environments"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            String text = Files.readString(f);
            assertTrue(text.startsWith("# yaml-language-server: $schema=../" + EnvironmentSchema.FILE + "\n"),
                    f + " must name the schema on its first line");
            assertEquals(List.of(), messages(schema, YAML.readTree(text)), f.toString());
        }
        for (String fixture : FIXTURES) {
            assertEquals(List.of(), messages(schema, YAML.readTree(fixture(fixture))), fixture);
        }
    }

    @Test
    void theKnownMistakesAreRejected() throws IOException {
        Schema schema = schema();
        String valid = fixture("every-local-field.yaml");
        Map<String, String> mistakes = new LinkedHashMap<>();
        mistakes.put("an unknown field", valid.replace("startTimeout: 30s", "startTimout: 30s"));
        mistakes.put("an unknown field in a list item", valid.replace("{phase: warmup,", "{phase: warmup, rat: 1,"));
        mistakes.put("a wrong type", valid.replace("underTest: true", "underTest: yes please"));
        mistakes.put("a list where a mapping belongs", valid.replace("durability: {", "durability: [").replace(
                "timeout: 30s}", "timeout: 30s]"));
        mistakes.put("a duration without a unit", valid.replace("startTimeout: 30s", "startTimeout: 30"));
        mistakes.put("a bad enum", valid.replace("kind: local", "kind: kubernetes"));
        mistakes.put("a bad fault kind", valid.replace("kind: errors,", "kind: explode,"));
        mistakes.put("a missing required field", valid.replace("name: every-local-field\n", ""));
        mistakes.put("a phase without a duration", valid.replace("{phase: warmup, rate: 10/s, duration: 10s}",
                "{phase: warmup, rate: 10/s}"));
        mistakes.put("an objective of two kinds", valid.replace("{errorBudget: 99.5%,", "{errorBudget: 99.5%, "
                + "errors: < 1%,"));
        mistakes.put("an objective of no kind", valid.replace("{health: < 5s, path: /health}", "{path: /health}"));
        for (Map.Entry<String, String> m : mistakes.entrySet()) {
            assertTrue(!m.getValue().equals(valid), m.getKey() + ": the fixture changed");
            assertFalse(messages(schema, YAML.readTree(m.getValue())).isEmpty(), m.getKey() + " passed the schema");
            Path f = dir.resolve("mistake.yaml");
            Files.writeString(f, m.getValue());
            assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of()), m.getKey()
                    + " passed the readers: the schema rejects what the gate accepts");
        }
    }

    @Test
    void anExtendingFileNeedsNeitherNameNorServicesAndMayDropAField() throws IOException {
        JsonNode child = YAML.readTree("extends: local.yaml\nload: {simulation: null}\nservices: {payments: null}\n");
        assertEquals(List.of(), messages(schema(), child));
    }

    private static Schema schema() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(EnvironmentSchema.text());
    }

    private static List<String> messages(Schema schema, JsonNode node) {
        return schema.validate(node).stream().map(Error::toString).toList();
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(Path.of("src/harness/test/resources/schema").resolve(name));
    }

    /** The names an "unknown field (expected one of: a, b)" message lists. */
    private static Set<String> accepted(String message) {
        int at = message.indexOf("expected one of: ");
        assertTrue(at >= 0, message);
        String list = message.substring(at + "expected one of: ".length(), message.lastIndexOf(')'));
        return new TreeSet<>(Arrays.asList(list.split(", ")));
    }

    private static String pointer(String path) {
        return "/" + path.replace(".", "/").replaceAll("\\[(\\d+)]", "/$1");
    }

    /**
     * Every mapping of {@code node} the model describes as {@link Shape.Fields}, as {concrete path, model path}; the
     * services of {@code kind} take the service shape of that kind.
     */
    private static void walk(JsonNode node, Shape shape, String path, String modelPath, String kind,
                             List<String[]> out, Map<String, Shape.Fields> visited) {
        if (node == null || node.isNull()) {
            return;
        }
        if (shape instanceof Shape.Either e) {
            Shape.Fields pick = modelPath.equals("services.*") ? FileModel.service(kind) : null;
            for (Shape o : e.options()) {
                if (pick == null && node.isObject() && o instanceof Shape.Fields f) {
                    pick = f;
                }
                if (node.isNumber() && o instanceof Shape.Number || node.isArray() && o instanceof Shape.ListOf) {
                    walk(node, o, path, modelPath, kind, out, visited);
                }
            }
            if (pick != null && node.isObject()) {
                walk(node, pick, path, modelPath + "{" + pick.description() + "}", kind, out, visited);
            }
        } else if (shape instanceof Shape.Fields f && node.isObject()) {
            out.add(new String[] {path, modelPath});
            visited.put(modelPath, f);
            node.fieldNames().forEachRemaining(name -> walk(node.get(name), f.fields().get(name),
                    path.isEmpty() ? name : path + "." + name, modelPath.isEmpty() ? name : modelPath + "." + name,
                    kind, out, visited));
        } else if (shape instanceof Shape.MapOf m && node.isObject()) {
            node.fieldNames().forEachRemaining(name -> walk(node.get(name), m.value(), path + "." + name,
                    modelPath + ".*", kind, out, visited));
        } else if (shape instanceof Shape.ListOf l && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), l.item(), path + "[" + i + "]", modelPath + "[]", kind, out, visited);
            }
        }
    }

    /** Every {@link Shape.Fields} of the model, by the model path {@link #walk} gives it. */
    private static void everyMapping(Shape shape, String modelPath, Map<String, Shape.Fields> out) {
        if (shape instanceof Shape.Either e) {
            for (Shape o : e.options()) {
                everyMapping(o, o instanceof Shape.Fields f ? modelPath + "{" + f.description() + "}" : modelPath, out);
            }
        } else if (shape instanceof Shape.Fields f) {
            out.put(modelPath, f);
            f.fields().forEach((name, s) -> everyMapping(s, modelPath.isEmpty() ? name : modelPath + "." + name, out));
        } else if (shape instanceof Shape.MapOf m) {
            everyMapping(m.value(), modelPath + ".*", out);
        } else if (shape instanceof Shape.ListOf l) {
            everyMapping(l.item(), modelPath + "[]", out);
        }
    }
}
