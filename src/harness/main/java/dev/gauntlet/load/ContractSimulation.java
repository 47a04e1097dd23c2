package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import dev.gauntlet.contract.ContractTraffic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The simulation of {@code load.from: contracts}: replays the interactions of the contracts as the gate decided
 * ({@link ContractTraffic}, left in the worker's folder as {@value RunFiles#TRAFFIC}), on the environment file's
 * {@code load.plan}. No simulation class to write: the contracts are the traffic.
 */
public final class ContractSimulation extends GauntletSimulation {
    {
        Path file = run.out().resolve(RunFiles.TRAFFIC);
        ContractTraffic traffic;
        try {
            traffic = ContractTraffic.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the traffic the gate decided, " + file, e);
        }
        LoadPlan plan = run.givenPlan().orElseThrow(() -> new IllegalStateException(
                "traffic from contracts needs load.plan in the environment file (there is no simulation to have one)"));
        run(plan, ContractScenario.of(run, traffic.stateChangePath(), traffic.prepare(URI.create(run.baseUrl()))));
    }
}
