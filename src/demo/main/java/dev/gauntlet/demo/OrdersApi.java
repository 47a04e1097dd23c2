package dev.gauntlet.demo;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Orders API (Javalin on 127.0.0.1): products, orders with idempotent creation and a Payments charge,
 * bearer API keys with a per-key rate limit. Every error is {@code application/problem+json}.
 */
final class OrdersApi {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersApi.class);

    private OrdersApi() {
    }

    static Demo.Server start(OrdersApiSettings settings) {
        return start(settings, new java.util.concurrent.atomic.AtomicBoolean());
    }

    /**
     * @param draining set while the server drains before it stops: {@code GET /health} answers 503 then, and work is
     *                 still done (the {@code health-up-while-draining} defect: the other way round)
     */
    static Demo.Server start(OrdersApiSettings settings, java.util.concurrent.atomic.AtomicBoolean draining) {
        Catalogue catalogue = new Catalogue();
        OrderStore store = settings.databaseUrl() == null ? new MemoryOrderStore()
                : PostgresOrderStore.open(settings.databaseUrl(), settings.defects());
        Payments payments = settings.resilient()
                ? Payments.resilient(settings.paymentsUrl()) : Payments.plain(settings.paymentsUrl());
        payments.warmUp();
        Metrics metrics = new Metrics(settings.has(Defect.METRICS_FROZEN));
        payments.onFailure(metrics::paymentFailed);
        Readiness readiness = Readiness.watch(settings.paymentsUrl(), settings.has(Defect.HEALTH_ALWAYS_UP));
        ShopHandlers shop = new ShopHandlers(settings, catalogue, store, payments, new HttpCaching(settings));
        Access access = new Access(settings.rateLimit(), settings.defects());
        String openApi = OpenApiDoc.render(settings);
        String health = Json.write(Map.of("status", "UP"));
        String draining503 = Json.write(Map.of("status", "DRAINING"));

        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = settings.port();

            if (settings.has(Defect.REFLECTED_CORS)) { // the defect: any site may read answers with credentials
                config.routes.before(ctx -> {
                    String origin = ctx.header("Origin");
                    if (origin != null) {
                        ctx.header("Access-Control-Allow-Origin", origin);
                        ctx.header("Access-Control-Allow-Credentials", "true");
                    }
                });
            }
            if (!settings.slow().rules().isEmpty()) {
                config.routes.before(settings.slow()::apply);
            }
            boolean healthLies = settings.has(Defect.HEALTH_UP_WHILE_DRAINING);
            config.routes.before(ctx -> {
                if (healthLies && draining.get() && !ctx.path().equals("/health")) { // the defect: no work, health UP
                    throw Problem.of(503, "Service Unavailable", "shutting down");
                }
            });
            config.routes.get("/health", ctx -> {
                boolean down = draining.get() && !healthLies;
                if (down) {
                    ctx.status(503);
                }
                ctx.contentType(Json.JSON).result(down ? draining503 : health);
            });
            config.routes.get("/ready", readiness::answer);
            config.routes.get("/metrics", ctx -> metrics.answer(ctx, readiness));
            config.routes.after(metrics::answered);
            config.routes.get("/openapi.json", ctx -> ctx.contentType(Json.JSON).result(openApi));
            config.routes.get("/products", access.secured(shop::listProducts));
            config.routes.get("/products/{sku}", access.secured(shop::getProduct));
            config.routes.post("/orders", access.secured(shop::createOrder));
            config.routes.get("/orders", access.secured(shop::listOrders));
            config.routes.get("/orders/{id}", settings.has(Defect.AUTH_BYPASS)
                    ? access.securedOr(shop::getOrder, shop::getAnyOrder) : access.secured(shop::getOrder));
            config.routes.delete("/orders/{id}", access.secured(shop::cancelOrder));
            config.routes.get("/admin/customers", access.withRole("admin", shop::customers));
            if (settings.has(Defect.UNDOCUMENTED_METHOD)) {
                config.routes.patch("/orders/{id}", access.secured(shop::getOrder));
            }
            if (settings.has(Defect.NEW_ENDPOINT)) {
                config.routes.get("/orders/{id}/invoice", access.secured(shop::invoice));
            }
            if (settings.has(Defect.LEAK_MEMORY)) {
                config.routes.after(new AuditTrail()::keep);
            }
            if (settings.testHooks()) {
                config.routes.post(ProviderStateHook.PATH, new ProviderStateHook(catalogue, store)::handle);
            }

            config.routes.exception(Problem.class, (problem, ctx) -> Json.respond(ctx, problem));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> Json.respond(ctx,
                    Problem.of(e.getStatus(), HttpStatus.forStatus(e.getStatus()).getMessage(), e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
                Json.respond(ctx, settings.has(Defect.MISSING_FIELD_500) ? Problem.internal(e) : Problem.internal());
            });
        }).start();

        return Demo.Server.of(app.port(), () -> {
            app.stop();
            store.close();
        });
    }
}
