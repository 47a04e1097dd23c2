package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractResults;
import dev.gauntlet.contract.ContractStage;
import dev.gauntlet.environment.Environment;
import dev.gauntlet.environment.RunningService;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.config.GateSpecs;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Provider verification of every pact in contracts/ against the reference system started from the local
 * environment file, through the same stage the gate uses: one JUnit result per interaction, so CI lists them.
 */
class ProviderVerificationIT {

    @TestFactory
    Stream<DynamicTest> everyInteractionOfEveryPactHoldsAgainstTheRunningProvider() {
        GateSpec spec = GateSpecs.load(Path.of("environments/local.yaml"), Map.of());
        ContractResults results;
        try (ChildProcesses processes = new ChildProcesses(Leftovers.shared());
             Environment env = Environment.startLocal(spec.environment(), Path.of("target/it/provider-verification"), processes)) {
            RunningService provider = env.underTest();
            results = ContractStage.verify(spec.contracts(),
                    ContractInputs.load(spec.contracts(), provider.name(), provider.url()), provider.name(), provider.url());
        }
        assertEquals(java.util.List.of(), results.problems());
        assertFalse(results.interactions().isEmpty(), "no interactions verified");
        return results.interactions().stream().map(i -> DynamicTest.dynamicTest(
                i.consumer() + ": " + i.interaction(), () -> assertEquals("", i.failures().stream()
                        .map(f -> f.summary() + "\n  expected: " + f.expected() + "\n  actual:   " + f.actual())
                        .collect(Collectors.joining("\n")))));
    }

}
