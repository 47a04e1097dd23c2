package dev.gauntlet.demo;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code demo orders-api}: the Orders API under test. */
@Command(name = "orders-api", mixinStandardHelpOptions = true, description = "Runs the Orders API on 127.0.0.1.")
final class OrdersApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PortOption port;

    @Option(names = "--payments-url", required = true, description = "Base URL of the Payments service.")
    URI paymentsUrl;

    @Option(names = "--test-hooks", description = "Enable POST /_gauntlet/provider-state (contract verification only).")
    boolean testHooks;

    @Option(names = "--rate-limit", defaultValue = "50",
            description = "Requests per second per API key (0 = no limit). Default: ${DEFAULT-VALUE}.")
    int rateLimit;

    @Option(names = "--no-resilience",
            description = "Call Payments with 30 s timeouts, no circuit breaker, no bulkhead; failure -> 502.")
    boolean noResilience;

    @Option(names = "--defect", paramLabel = "NAME", converter = Defect.Converter.class,
            description = "Seed a defect (repeatable): ${COMPLETION-CANDIDATES}.", completionCandidates = Defect.Names.class)
    List<Defect> defects = List.of();

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "Keep orders in PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres (default: in memory).")
    String databaseUrl;

    @Option(names = "--slow-operation", paramLabel = "OPERATION=DELAY",
            description = "Slow one operation by a fixed delay (repeatable), e.g. \"GET /products/{sku}=20ms\".")
    List<String> slowOperations = List.of();

    @Option(names = "--shutdown-drain", paramLabel = "MILLIS", defaultValue = "${env:ORDERS_SHUTDOWN_DRAIN_MILLIS:-0}",
            description = "On SIGTERM, answer GET /health 503 and keep serving this long before stopping, so a load "
                    + "balancer takes the replica out first (env ORDERS_SHUTDOWN_DRAIN_MILLIS). Default: ${DEFAULT-VALUE}.")
    long shutdownDrainMillis;

    @Override
    public Integer call() throws Exception {
        OrdersApiSettings settings = settings();
        if (shutdownDrainMillis < 0) {
            throw new ParameterException(spec.commandLine(), "--shutdown-drain must be >= 0, was " + shutdownDrainMillis);
        }
        AtomicBoolean draining = new AtomicBoolean();
        return Demo.serveUntilShutdown("orders-api", () -> {
            Demo.Server server = OrdersApi.start(settings, draining);
            return Demo.Server.of(server.port(), () -> {
                draining.set(true); // GET /health answers 503: the balancer stops sending new requests
                try {
                    Thread.sleep(shutdownDrainMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                server.close();
            });
        });
    }

    private OrdersApiSettings settings() {
        int tcpPort = port.value();
        if (rateLimit < 0) {
            throw new ParameterException(spec.commandLine(), "--rate-limit must be >= 0, was " + rateLimit);
        }
        String scheme = paymentsUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || paymentsUrl.getHost() == null) {
            throw new ParameterException(spec.commandLine(),
                    "--payments-url must be an absolute http(s) URL, was '" + paymentsUrl + "'");
        }
        EnumSet<Defect> seeded = EnumSet.noneOf(Defect.class);
        seeded.addAll(defects);
        List<SlowOperations.Rule> slow = new java.util.ArrayList<>();
        for (String s : slowOperations) {
            try {
                slow.add(SlowOperations.parse(s));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--slow-operation: " + e.getMessage());
            }
        }
        if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql://")) {
            throw new ParameterException(spec.commandLine(),
                    "--database-url must be a jdbc:postgresql:// URL, was '" + databaseUrl + "'");
        }
        return new OrdersApiSettings(tcpPort, paymentsUrl, testHooks, rateLimit, !noResilience, seeded,
                new SlowOperations(slow), databaseUrl);
    }
}
