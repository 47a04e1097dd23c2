package dev.gauntlet.cli;

import dev.gauntlet.config.GateSpec;
import dev.gauntlet.contract.Broker;
import dev.gauntlet.contract.BrokerException;
import dev.gauntlet.contract.BrokerRecording;
import dev.gauntlet.contract.BrokerSpec;
import dev.gauntlet.gate.Gate;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code record-deployment} and {@code record-release} share: the broker of the environment file
 * ({@code contracts.broker}, its credentials from the variables it names, as {@code can-i-deploy}) or of
 * {@code --broker}, the pacticipant (default: the service under test), the version and the broker's environment.
 * Exit codes as can-i-deploy's: 0 recorded, 2 configuration (no broker, a variable not set, credentials refused, an
 * environment or version the broker does not know), 3 the broker cannot be reached or answered unexpectedly.
 */
abstract class BrokerRecordCommand implements Callable<Integer> {
    @Mixin
    EnvironmentFile environment;

    @Option(names = "--broker", description = "the Pact Broker's base URL (default: contracts.broker.url of the "
            + "environment file); credentials from contracts.broker, or else the variables PACT_BROKER_TOKEN or "
            + "PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD")
    String brokerUrl;

    @Option(names = "--pacticipant", description = "the application's name in the broker (default: the service under test)")
    String pacticipant;

    @Option(names = "--version", required = true, description = "the version (e.g. the git commit the verification "
            + "results were published for)")
    String version;

    @Option(names = {"--environment", "--to"}, required = true, description = "the broker's environment (e.g. production)")
    String to;

    @Option(names = "--skip-without-broker", description = "exit 0 with a note when neither --broker nor the "
            + "environment file's contracts.broker names a broker")
    boolean skipWithoutBroker;

    Function<String, String> variables = System::getenv;

    abstract BrokerRecording.Kind kind();

    private String command() {
        return kind() == BrokerRecording.Kind.DEPLOYMENT ? "record-deployment" : "record-release";
    }

    @Override
    public Integer call() {
        GateSpec spec = null;
        if (brokerUrl == null || pacticipant == null) {
            spec = environment.read();
            if (spec == null) {
                return Gate.USAGE;
            }
        }
        BrokerSpec broker = spec == null ? null : spec.contracts().broker();
        if (brokerUrl != null) {
            URI url = url(brokerUrl);
            if (url == null) {
                return Gate.USAGE;
            }
            broker = broker != null ? withUrl(broker, url) : fromVariables(url);
        }
        if (broker == null) {
            if (skipWithoutBroker) {
                System.out.println(command() + ": skipped: " + spec.file() + " has no contracts.broker and no --broker "
                        + "was given");
                return Gate.PASSED;
            }
            System.err.println("gauntlet: " + spec.file() + ": contracts.broker is not set: " + command() + " tells "
                    + "the Pact Broker named there (url, token), or give --broker URL");
            return Gate.USAGE;
        }
        String name = pacticipant != null ? pacticipant : spec.environment().underTest().name();
        try {
            String href = new BrokerRecording(new Broker(broker, variables)).record(kind(), name, version, to);
            System.out.println(command() + ": " + name + " " + version + " recorded as " + kind().words() + " " + to
                    + " (" + href + ")");
            return Gate.PASSED;
        } catch (BrokerException e) {
            System.err.println("gauntlet: " + command() + ": " + e.getMessage());
            return e.exitCode();
        }
    }

    private static URI url(String text) {
        try {
            URI url = new URI(text.trim());
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // told below
        }
        System.err.println("gauntlet: --broker: expected the Pact Broker's http(s) base URL such as "
                + "https://broker.example.com, got '" + text + "'");
        return null;
    }

    private static BrokerSpec withUrl(BrokerSpec b, URI url) {
        return new BrokerSpec(url, b.tokenVariable(), b.usernameVariable(), b.passwordVariable(), b.selectors(),
                b.enablePending(), b.includeWipPactsSince(), b.providerVersion(), b.providerBranch(), b.publishResults());
    }

    /** A broker with the conventional credential variables of the Pact tools, when they are set. */
    private BrokerSpec fromVariables(URI url) {
        boolean token = variables.apply("PACT_BROKER_TOKEN") != null;
        boolean basic = !token && variables.apply("PACT_BROKER_USERNAME") != null;
        return new BrokerSpec(url, token ? "PACT_BROKER_TOKEN" : null, basic ? "PACT_BROKER_USERNAME" : null,
                basic ? "PACT_BROKER_PASSWORD" : null, List.of(), false, null, null, null, false);
    }
}
