package dev.gauntlet.cli;

import dev.gauntlet.contract.Broker;
import dev.gauntlet.contract.BrokerException;
import dev.gauntlet.gate.Gate;
import dev.gauntlet.config.GateSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gauntlet can-i-deploy}: asks the Pact Broker of the environment file ({@code contracts.broker}) whether a
 * version of the service under test can be deployed to an environment, from the broker's matrix of verification
 * results. Exit codes: 0 yes, 1 no, 2 configuration or credentials (no broker configured, a variable not set, the
 * broker refused the credentials), 3 the broker cannot be reached or answered unexpectedly.
 */
@Command(name = "can-i-deploy", description = "Ask the Pact Broker (contracts.broker) whether a version of the service "
        + "under test can be deployed: exit 0 yes, 1 no, 2 configuration or credentials, 3 broker unreachable.")
final class CanIDeployCommand implements Callable<Integer> {
    /** Exit code of a version that cannot be deployed. */
    static final int NO = 1;

    @Mixin
    EnvironmentFile environment;

    @Option(names = "--version", required = true, description = "the version to deploy (e.g. the git commit the "
            + "verification results were published for)")
    String version;

    @Option(names = "--to", description = "the environment to deploy to (e.g. production); without it: compatible "
            + "with the latest version of every other pacticipant")
    String to;

    @Option(names = "--pacticipant", description = "the application's name in the broker (default: the service under test)")
    String pacticipant;

    @Option(names = "--skip-without-broker", description = "exit 0 with a note when the environment file has no "
            + "contracts.broker (a pipeline that gates releases whether or not a broker is configured)")
    boolean skipWithoutBroker;

    Function<String, String> variables = System::getenv;

    @Override
    public Integer call() {
        GateSpec spec = environment.read();
        if (spec == null) {
            return Gate.USAGE;
        }
        if (spec.contracts().broker() == null) {
            if (skipWithoutBroker) {
                System.out.println("can-i-deploy: skipped: " + spec.file() + " has no contracts.broker");
                return Gate.PASSED;
            }
            System.err.println("gauntlet: " + spec.file() + ": contracts.broker is not set: can-i-deploy asks the "
                    + "Pact Broker named there (url, token)");
            return Gate.USAGE;
        }
        String name = pacticipant != null ? pacticipant : spec.environment().underTest().name();
        try {
            Broker.CanIDeploy answer = new Broker(spec.contracts().broker(), variables).canIDeploy(name, version, to);
            String where = to == null ? "" : " to " + to;
            System.out.println("can-i-deploy " + name + " " + version + where + ": "
                    + (answer.deployable() ? "yes" : "no") + (answer.reason().isEmpty() ? "" : " (" + answer.reason() + ")")
                    + (answer.unknown() > 0 ? "; " + answer.unknown() + " verification result(s) unknown" : ""));
            return answer.deployable() ? Gate.PASSED : NO;
        } catch (BrokerException e) {
            System.err.println("gauntlet: can-i-deploy: " + e.getMessage());
            return e.exitCode();
        }
    }
}
