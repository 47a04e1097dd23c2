package dev.gauntlet.preflight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.environment.ServiceSpec;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.config.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The contracts folder before anything starts: it exists, every {@code *.json} in it is a Pact file (JSON with
 * consumer, provider and interactions), and some pact is for the service under test.
 */
final class PactFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PactFiles() {
    }

    /** @throws dev.gauntlet.config.ConfigException at {@code contracts.folder}, naming the pact file and the problem */
    static void check(GateSpec spec) {
        boolean traffic = spec.load().enabled() && spec.load().fromContracts();
        if (!spec.contracts().enabled() && !traffic) {
            return;
        }
        Path folder = spec.contracts().folder();
        if (!Files.isDirectory(folder)) {
            throw spec.error("contracts.folder", "no folder " + folder.toAbsolutePath().normalize() + " (expected "
                    + "the folder of the consumers' Pact files, relative to the folder the gate runs in; or "
                    + "contracts.enabled: false)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw spec.error("contracts.folder", "cannot list " + folder + ": " + e.getMessage());
        }
        Set<String> providers = new TreeSet<>();
        for (Path file : files) {
            JsonNode pact;
            try {
                pact = JSON.readTree(Files.readString(file));
            } catch (JsonProcessingException e) {
                throw spec.error("contracts.folder", file + " is not valid JSON: " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
            } catch (IOException e) {
                throw spec.error("contracts.folder", file + " cannot be read: " + e.getMessage());
            }
            String provider = pact == null ? "" : pact.path("provider").path("name").asText("");
            if (provider.isEmpty() || pact.path("consumer").path("name").asText("").isEmpty()
                    || !pact.path("interactions").isArray()) {
                throw spec.error("contracts.folder", file + " is not a Pact file: expected consumer.name, "
                        + "provider.name and a list of interactions");
            }
            providers.add(provider);
        }
        String underTest = spec.environment().services().stream().filter(ServiceSpec::underTest)
                .map(ServiceSpec::name).findFirst().orElse("");
        if (!providers.contains(underTest)) {
            throw spec.error("contracts.folder", "no pact for provider '" + underTest + "' (the service with "
                    + "underTest: true; pacts name their provider) in " + folder + Names.didYouMean(underTest, providers)
                    + "; the pacts there are for: " + Names.list(providers));
        }
    }
}
