package dev.gauntlet.cli;

import dev.gauntlet.contract.BrokerRecording;
import picocli.CommandLine.Command;

/**
 * {@code gauntlet record-release}: tells the Pact Broker a version was released to an environment (a mobile app or
 * library published for others to install: earlier releases stay released).
 */
@Command(name = "record-release", description = "Tell the Pact Broker a version was released to an environment "
        + "(earlier releases stay): exit codes as record-deployment.")
final class RecordReleaseCommand extends BrokerRecordCommand {
    @Override
    BrokerRecording.Kind kind() {
        return BrokerRecording.Kind.RELEASE;
    }
}
