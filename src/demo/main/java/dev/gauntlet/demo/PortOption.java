package dev.gauntlet.demo;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --port} option both servers share (a picocli mixin). */
final class PortOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--port", required = true, description = "TCP port on 127.0.0.1 (0 = any free port).")
    int port;

    /** The port, or a parameter error (exit 2) when it is out of range. */
    int value() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, was " + port);
        }
        return port;
    }
}
