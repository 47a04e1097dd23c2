package dev.gauntlet.cli;

import dev.gauntlet.gate.Gate;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gauntlet} command line. Exit codes: 0 gate passed (PASS, INCONCLUSIVE or WARN), 1 gate failed, 2 usage or
 * configuration error, 3 the environment could not start.
 */
@Command(name = "gauntlet", mixinStandardHelpOptions = true, version = "gauntlet 0.1.0",
        description = "Contract, load and fault gate for HTTP APIs.",
        subcommands = {GateCommand.class, SettingsCommand.class, CanIDeployCommand.class, BaselineCommand.class,
                SchemaCommand.class, InitCommand.class, RecordDeploymentCommand.class, RecordReleaseCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:gate passed (PASS, INCONCLUSIVE or WARN)", "1:gate failed", "2:usage or configuration error",
                "3:the environment could not start"})
public final class Gauntlet implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("pact_do_not_track", "true");
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code, without exiting. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Gauntlet());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("gauntlet: " + e.getMessage());
            e.printStackTrace(cmd.getErr());
            return Gate.FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
