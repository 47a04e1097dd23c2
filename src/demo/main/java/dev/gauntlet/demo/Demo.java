package dev.gauntlet.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the reference system shipped with gauntlet: {@code orders-api} and its {@code payments}
 * dependency stub, started by the reference environments as {@code java -cp ... dev.gauntlet.demo.Demo <args>}.
 * The harness never sees this module.
 *
 * <p>Exit codes: 0 stopped by a signal, 1 failed to start (e.g. port in use), 2 bad arguments.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, version = "gauntlet demo (reference system)",
        description = "Runs the reference system the gauntlet gate is demonstrated on.",
        subcommands = {OrdersApiCommand.class, PaymentsCommand.class, PostgresCommand.class})
public final class Demo implements Runnable {

    static final int EXIT_START_FAILED = 1;
    static final int EXIT_BAD_ARGUMENTS = 2;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required: orders-api, payments or postgres");
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
        // Exit code 0: help was printed, or a server was stopped by a signal and the JVM is shutting down.
    }

    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Demo());
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(ex.getCommandLine().getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see --help)");
            err.flush();
            return EXIT_BAD_ARGUMENTS;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println(commandLine.getCommandSpec().qualifiedName() + ": failed to start: " + describe(ex));
            err.flush();
            return EXIT_START_FAILED;
        });
        return cmd;
    }

    private static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root == ex ? ex.getClass().getSimpleName() + message
                : ex.getMessage() + " (" + root.getClass().getSimpleName() + message + ")";
    }

    /**
     * Starts a server, prints its ready line and blocks until the JVM shuts down (SIGTERM, Ctrl-C); the
     * server is stopped from a shutdown hook.
     */
    static Integer serveUntilShutdown(String name, Callable<Server> starter) throws Exception {
        quietLibraryLogging();
        Server server = starter.call();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                stopped.countDown();
            }
        }, name + "-shutdown"));
        System.out.println(name + " listening on http://127.0.0.1:" + server.port());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** A started server: its bound port, and a close that stops it. */
    interface Server extends AutoCloseable {
        int port();

        @Override
        void close();

        static Server of(int port, Runnable stop) {
            return new Server() {
                @Override
                public int port() {
                    return port;
                }

                @Override
                public void close() {
                    stop.run();
                }
            };
        }
    }

    /** Without a logback configuration every library logs at DEBUG; keep them to warnings unless configured. */
    private static void quietLibraryLogging() {
        for (String name : new String[] {"org.eclipse.jetty", "io.javalin", "wiremock", "com.github.tomakehurst",
                "io.github.resilience4j", "jdk.internal.httpclient"}) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger && logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
