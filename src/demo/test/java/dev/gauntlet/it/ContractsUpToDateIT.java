package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed contracts are exactly what the consumer tests generate (into target/pacts during the test phase):
 * a consumer change that is not committed to contracts/ fails the build.
 */
class ContractsUpToDateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, JsonNode> pacts(Path folder) throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                out.put(f.getFileName().toString(), normalised(JSON.readTree(f.toFile())));
            }
        }
        return out;
    }

    /** Interactions keyed by description and state, so order does not matter; Pact's metadata stays compared. */
    private static JsonNode normalised(JsonNode pact) {
        Map<String, JsonNode> interactions = new TreeMap<>();
        pact.path("interactions").forEach(i -> interactions.put(i.path("description").asText() + "|" + i.path("providerStates"), i));
        var copy = pact.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).set("interactions", JSON.valueToTree(interactions));
        return copy;
    }

    @Test
    void committedContractsMatchWhatTheConsumerTestsGenerate() throws IOException {
        Map<String, JsonNode> generated = pacts(Path.of("target/pacts"));
        Map<String, JsonNode> committed = pacts(Path.of("contracts"));
        assertFalse(generated.isEmpty(), "the consumer tests wrote no pacts to target/pacts");
        assertEquals(generated.keySet(), committed.keySet(), "contracts/ holds other pact files than the consumer tests write");
        for (String name : generated.keySet()) {
            assertEquals(generated.get(name), committed.get(name),
                    "contracts/" + name + " differs from what the consumer tests generate: copy target/pacts/" + name
                            + " to contracts/ and commit it (see docs/contracts.md)");
        }
    }

    @Test
    void everyCommittedPactIsAVersion4Pact() throws IOException {
        for (Map.Entry<String, JsonNode> e : pacts(Path.of("contracts")).entrySet()) {
            assertEquals("4.0", e.getValue().at("/metadata/pactSpecification/version").asText(), e.getKey());
        }
    }

}
