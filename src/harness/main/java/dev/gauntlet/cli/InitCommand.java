package dev.gauntlet.cli;

import dev.gauntlet.config.ConfigException;
import dev.gauntlet.config.EnvironmentSchema;
import dev.gauntlet.config.StarterFile;
import dev.gauntlet.gate.Gate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gauntlet init}: writes a starting environment file from an OpenAPI document, a pacts folder and the command
 * that starts the API ({@link StarterFile}); exit 0 written, 2 a missing or unreadable input or an existing file.
 */
@Command(name = "init", description = "Write a starting environment file from an OpenAPI document, a folder of pacts "
        + "and the command that starts your API: a service, contracts with coverage, load from the contracts with a "
        + "mix, a one-minute plan, default objectives. Then: gate --env FILE --dry-run.")
final class InitCommand implements Callable<Integer> {
    @Option(names = "--openapi", required = true, paramLabel = "FILE", description = "the API's OpenAPI document "
            + "(OpenAPI 3 or Swagger 2.0, JSON or YAML)")
    Path openapi;

    @Option(names = "--pacts", required = true, paramLabel = "DIR", description = "the folder of the consumers' Pact "
            + "files")
    Path pacts;

    @Option(names = "--start", required = true, paramLabel = "COMMAND", description = "the command that starts your "
            + "API, passing it $${port}, e.g. 'java -jar my-api.jar --port $${port}' (single quotes keep the shell off "
            + "$${port})")
    String start;

    @Option(names = "--out", paramLabel = "FILE", description = "the file to write (default: environments/NAME.yaml)")
    Path out;

    @Option(names = "--name", description = "the service under test, as the pacts name their provider (default: "
            + "the pacts' one provider)")
    String name;

    @Option(names = "--health", description = "an HTTP path answering 2xx when the API is ready, or 'port' (default: "
            + "/health or the like when the document has it, else port)")
    String health;

    @Option(names = "--state-change-path", description = "the path your API sets up provider states on, when the "
            + "pacts have states")
    String stateChangePath;

    @Option(names = "--force", description = "overwrite the file when it exists")
    boolean force;

    @Override
    public Integer call() {
        try {
            Path target = out;
            if (target == null) {
                String provider = StarterFile.read(openapi, pacts, start, name, health, stateChangePath,
                        Path.of("environments", "x.yaml")).name();
                target = Path.of("environments", provider + ".yaml");
            }
            if (Files.exists(target) && !force) {
                System.err.println("gauntlet: init: " + target + " exists: give another --out, or --force to "
                        + "overwrite it");
                return Gate.USAGE;
            }
            StarterFile.Inputs in = StarterFile.read(openapi, pacts, start, name, health, stateChangePath, target);
            Path folder = target.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Files.writeString(target, StarterFile.text(in));
            System.out.println("wrote " + target + " (service " + in.name() + ", " + in.mix().size()
                    + " operation(s) in the mix" + (in.uncovered().isEmpty() ? "" : ", " + in.uncovered().size()
                    + " without a contract") + ")");
            Path schema = Path.of(EnvironmentSchema.FILE);
            if (!Files.exists(schema)) {
                Files.createDirectories(schema.toAbsolutePath().getParent());
                Files.writeString(schema, EnvironmentSchema.text());
                System.out.println("wrote " + schema + " (editors complete and check the file with it)");
            }
            if (in.states() && in.stateChangePath() == null) {
                System.out.println("note: the pacts have provider states: set contracts.stateChangePath to the path "
                        + "your API sets them up on (or --state-change-path), or their interactions may fail");
            }
            System.out.println("next: java -jar gauntlet.jar gate --env " + target + " --dry-run");
            return Gate.PASSED;
        } catch (ConfigException e) {
            System.err.println("gauntlet: init: " + e.getMessage());
            return Gate.USAGE;
        } catch (IOException e) {
            System.err.println("gauntlet: init: cannot write " + (out == null ? "the file" : out) + ": " + e.getMessage());
            return Gate.USAGE;
        }
    }
}
