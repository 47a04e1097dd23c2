package dev.gauntlet.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demo postgres}: the Orders API's database, PostgreSQL on 127.0.0.1 from the binaries a Maven Central artifact
 * ships ({@link PostgresServer}): a fresh, empty cluster per start, removed when it stops. User {@code postgres},
 * database {@code postgres}, trust authentication on 127.0.0.1 only.
 */
@Command(name = "postgres", mixinStandardHelpOptions = true,
        description = "Runs PostgreSQL " + PostgresServer.VERSION + " on 127.0.0.1 (a fresh cluster, removed at exit).")
final class PostgresCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PortOption port;

    @Option(names = "--max-connections", defaultValue = "40",
            description = "The server's max_connections. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Override
    public Integer call() throws Exception {
        int tcpPort = port.value();
        if (tcpPort == 0) {
            throw new ParameterException(spec.commandLine(), "--port must name the port (PostgreSQL picks none itself)");
        }
        if (maxConnections < 5) {
            throw new ParameterException(spec.commandLine(), "--max-connections must be >= 5, was " + maxConnections);
        }
        return Demo.serveUntilShutdown("postgres", () -> {
            PostgresServer server = PostgresServer.start(tcpPort, maxConnections);
            return Demo.Server.of(tcpPort, server::close);
        });
    }
}
