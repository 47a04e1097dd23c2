package dev.gauntlet.cli;

import dev.gauntlet.config.ConfigException;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.config.GateSpecs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The environment file and the fields overridden on the command line, as every command that reads one takes them. */
final class EnvironmentFile {
    @Option(names = "--env", defaultValue = "environments/local.yaml", description = "environment file (default: ${DEFAULT-VALUE})")
    Path file;

    @Option(names = "--set", description = "override a field of the environment file, e.g. --set load.settings.baselineDuration=60s")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The file read with its overrides, or null after telling on stderr what is wrong with it (exit 2). */
    GateSpec read() {
        try {
            return GateSpecs.load(file, overrides);
        } catch (ConfigException e) {
            System.err.println("gauntlet: " + e.getMessage());
            System.err.println(dev.gauntlet.report.ConsoleReport.CONFIGURATION_ERROR);
            return null;
        }
    }
}
