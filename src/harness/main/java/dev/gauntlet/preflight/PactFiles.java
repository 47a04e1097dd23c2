package dev.gauntlet.preflight;

import dev.gauntlet.contract.ContractSet;
import dev.gauntlet.environment.ServiceSpec;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.config.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The contracts folder before anything starts, read once into the run's contract set: it exists, every
 * {@code *.json} in it is a Pact file (JSON with consumer, provider and interactions), and some pact is for the
 * service under test. With a Pact Broker ({@code contracts.broker}) the folder may be missing or hold no pact for the
 * service: the broker's pacts are fetched once the gate runs.
 */
final class PactFiles {
    private PactFiles() {
    }

    /**
     * @return the folder's pacts, or null when no stage reads them strictly (contracts off, no traffic from them)
     * @throws dev.gauntlet.config.ConfigException at {@code contracts.folder}, naming the pact file and the problem
     */
    static ContractSet check(GateSpec spec) {
        boolean traffic = spec.load().enabled() && spec.load().fromContracts();
        if (!spec.contracts().enabled() && !traffic) {
            return null;
        }
        Path folder = spec.contracts().folder();
        boolean broker = spec.contracts().broker() != null;
        if (!Files.isDirectory(folder)) {
            if (broker) {
                return ContractSet.none();
            }
            throw spec.error("contracts.folder", "no folder " + folder.toAbsolutePath().normalize() + " (expected "
                    + "the folder of the consumers' Pact files, relative to the folder the gate runs in; or "
                    + "contracts.enabled: false)");
        }
        ContractSet pacts = ContractSet.folder(folder);
        if (!pacts.problems().isEmpty()) {
            throw spec.error("contracts.folder", pacts.problems().get(0));
        }
        Set<String> providers = pacts.providers();
        String underTest = spec.environment().services().stream().filter(ServiceSpec::underTest)
                .map(ServiceSpec::name).findFirst().orElse("");
        if (!broker && !providers.contains(underTest)) {
            throw spec.error("contracts.folder", "no pact for provider '" + underTest + "' (the service with "
                    + "underTest: true; pacts name their provider) in " + folder + Names.didYouMean(underTest, providers)
                    + "; the pacts there are for: " + Names.list(providers));
        }
        return pacts;
    }
}
