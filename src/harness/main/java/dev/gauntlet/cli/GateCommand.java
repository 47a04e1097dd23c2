package dev.gauntlet.cli;

import dev.gauntlet.gate.Gate;
import dev.gauntlet.preflight.Preflight;
import dev.gauntlet.report.ConsoleReport;
import dev.gauntlet.process.Workspace;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.config.ConfigException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gate", description = "Start the environment, verify contracts, run the load, score the objectives "
        + "and write the verdict (report.json, junit.xml, console).")
final class GateCommand implements Callable<Integer> {
    @Mixin
    EnvironmentFile environment;

    @Option(names = "--out", description = "run folder (default: target/gauntlet/<run-id>)")
    Path out;

    @Option(names = "--dry-run", description = "check everything (settings, phases, operations) and print the plan "
            + "(phases, faults on the clock, objectives) without starting anything; exit 0 or 2")
    boolean dryRun;

    @Option(names = "--verbose", description = "list every row of the console table, the passed objectives and "
            + "security kinds too (default: the passed ones summed up in one line)")
    boolean verbose;

    @Override
    public Integer call() {
        GateSpec spec = environment.read();
        if (spec == null) {
            return Gate.USAGE;
        }
        if (dryRun) {
            try {
                Preflight.dryRun(spec, Workspace.current(), System.out);
                return Gate.PASSED;
            } catch (ConfigException e) {
                System.err.println("gauntlet: " + e.getMessage());
                System.err.println(ConsoleReport.CONFIGURATION_ERROR);
                return Gate.USAGE;
            }
        }
        if (verbose) {
            System.setProperty(ConsoleReport.VERBOSE, "true");
        }
        Path runDir = out != null ? out
                : Path.of("target", "gauntlet", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return Gate.run(spec, runDir.toAbsolutePath(), System.out).exitCode();
    }
}
