package dev.gauntlet.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code demo payments}: the WireMock stub the Orders API charges customers through. */
@Command(name = "payments", mixinStandardHelpOptions = true, description = "Runs the Payments stub on 127.0.0.1.")
final class PaymentsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PortOption port;

    @Option(names = "--delay-ms", defaultValue = "5",
            description = "Fixed delay of POST /charges in milliseconds. Default: ${DEFAULT-VALUE}.")
    int delayMs;

    @Override
    public Integer call() throws Exception {
        int tcpPort = port.value();
        if (delayMs < 0) {
            throw new ParameterException(spec.commandLine(), "--delay-ms must be >= 0, was " + delayMs);
        }
        return Demo.serveUntilShutdown("payments", () -> PaymentsStub.start(tcpPort, delayMs));
    }
}
