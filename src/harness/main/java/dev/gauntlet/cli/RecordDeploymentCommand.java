package dev.gauntlet.cli;

import dev.gauntlet.contract.BrokerRecording;
import picocli.CommandLine.Command;

/**
 * {@code gauntlet record-deployment}: after a release passed and was deployed, tells the Pact Broker that this version
 * now runs in the environment (the version deployed there before is marked undeployed), so can-i-deploy and the
 * consumers' {@code deployedOrReleased} selectors see it.
 */
@Command(name = "record-deployment", description = "Tell the Pact Broker a version now runs in an environment "
        + "(the one before it is undeployed): exit 0 recorded, 2 configuration, credentials or an environment or "
        + "version the broker does not know, 3 broker unreachable.")
final class RecordDeploymentCommand extends BrokerRecordCommand {
    @Override
    BrokerRecording.Kind kind() {
        return BrokerRecording.Kind.DEPLOYMENT;
    }
}
