package dev.gauntlet.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every pact of a run, read once: the contracts folder's and, when {@code contracts.broker} is set, the ones the Pact
 * Broker selects for the provider, each with its origin and pending flag. Verification, coverage, exposure, the
 * security probes, traffic from contracts and the checks after the load all read this one set.
 *
 * @param pacts    the folder's pacts (file order) then the broker's, whatever provider they are for
 * @param problems what could not be read, one sentence each naming the file or the broker
 */
public record ContractSet(List<ContractPact> pacts, List<String> problems) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ContractSet {
        pacts = List.copyOf(pacts);
        problems = List.copyOf(problems);
    }

    /** No pacts at all (nothing needs them). */
    public static ContractSet none() {
        return new ContractSet(List.of(), List.of());
    }

    /**
     * The pacts of {@code folder} ({@code *.json}, sorted by name). A file that is not JSON or not a Pact file is a
     * problem naming it; a missing folder is one too.
     */
    public static ContractSet folder(Path folder) {
        List<String> problems = new ArrayList<>();
        List<ContractPact> out = new ArrayList<>();
        for (Path file : files(folder, problems)) {
            try {
                out.add(read(file));
            } catch (IllegalArgumentException e) {
                problems.add(file + " " + e.getMessage());
            }
        }
        return new ContractSet(out, problems);
    }

    /**
     * The folder's pacts and, with {@code broker} (null: none), the broker's for {@code provider}; a folder that
     * does not exist is fine when a broker ({@code broker} or {@code contracts.broker}) has the pacts.
     *
     * @throws BrokerException when the broker cannot be asked (unreachable, credentials refused, not a broker)
     */
    public static ContractSet load(ContractsSpec spec, Broker broker, String provider) {
        ContractSet folder = (broker != null || spec.broker() != null) && !Files.isDirectory(spec.folder()) ? none()
                : folder(spec.folder());
        return broker == null ? folder : folder.withBroker(broker, provider);
    }

    /** This set with the pacts {@code broker} selects for {@code provider} added. */
    public ContractSet withBroker(Broker broker, String provider) {
        List<String> more = new ArrayList<>(problems);
        List<ContractPact> all = new ArrayList<>(pacts);
        all.addAll(BrokerPacts.fetch(broker, provider, more));
        return new ContractSet(all, more);
    }

    /** The pacts whose provider is {@code provider}. */
    public List<ContractPact> forProvider(String provider) {
        return pacts.stream().filter(p -> p.provider().equals(provider)).toList();
    }

    /** The providers the pacts are for. */
    public Set<String> providers() {
        Set<String> out = new TreeSet<>();
        pacts.forEach(p -> out.add(p.provider()));
        return out;
    }

    /**
     * One pact file.
     *
     * @throws IllegalArgumentException saying what is wrong with it ("is not valid JSON: ... (line 3)")
     */
    static ContractPact read(Path file) {
        String text;
        JsonNode pact;
        try {
            text = Files.readString(file);
            pact = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read: " + e.getMessage());
        }
        if (pact == null || pact.path("provider").path("name").asText("").isEmpty()
                || pact.path("consumer").path("name").asText("").isEmpty() || !pact.path("interactions").isArray()) {
            throw new IllegalArgumentException("is not a Pact file: expected consumer.name, provider.name and a list "
                    + "of interactions");
        }
        try {
            return ContractPact.file(file, text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a readable pact: " + e.getMessage());
        }
    }

    private static List<Path> files(Path folder, List<String> problems) {
        if (!Files.isDirectory(folder)) {
            problems.add("contracts folder " + folder + " does not exist");
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            problems.add("contracts folder " + folder + " cannot be read: " + e.getMessage());
            return List.of();
        }
    }
}
