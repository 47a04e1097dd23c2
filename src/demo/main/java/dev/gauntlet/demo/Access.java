package dev.gauntlet.demo;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.Map;

/**
 * Bearer API-key authentication and the per-key rate limit (a resilience4j RateLimiter per key:
 * {@code limit} permits per 1 s period, no waiting). Unknown or missing key: 401 with
 * {@code WWW-Authenticate: Bearer}; over the limit: 429 with {@code Retry-After: 1}.
 */
final class Access {

    /** A handler that runs for an authenticated customer. */
    @FunctionalInterface
    interface CustomerHandler {
        void handle(Context ctx, String customer) throws Exception;
    }

    private static final Map<String, String> CUSTOMERS_BY_KEY =
            Map.of("key-alice", "alice", "key-bob", "bob", "key-carol", "carol");
    private static final String BEARER = "Bearer ";

    private final RateLimiterRegistry limiters;

    Access(int limitPerSecond) {
        this.limiters = limitPerSecond == 0 ? null : RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(limitPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    Handler secured(CustomerHandler handler) {
        return ctx -> {
            String key = apiKey(ctx.header("Authorization"));
            String customer = CUSTOMERS_BY_KEY.get(key);
            if (customer == null) {
                throw Problem.unauthorized("The API key is not known.");
            }
            if (limiters != null) {
                RateLimiter limiter = limiters.rateLimiter(key);
                if (!limiter.acquirePermission()) {
                    throw Problem.tooManyRequests("Rate limit of " + limiter.getRateLimiterConfig().getLimitForPeriod()
                            + " requests per second exceeded for this API key.");
                }
            }
            handler.handle(ctx, customer);
        };
    }

    /**
     * The {@code auth-bypass} defect: {@code handler} for a known API key, {@code anonymous} for a missing or unknown
     * one instead of a 401.
     */
    Handler securedOr(CustomerHandler handler, Handler anonymous) {
        Handler secured = secured(handler);
        return ctx -> {
            String authorization = ctx.header("Authorization");
            boolean known = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    && CUSTOMERS_BY_KEY.containsKey(authorization.substring(BEARER.length()).trim());
            (known ? secured : anonymous).handle(ctx);
        };
    }

    private static String apiKey(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw Problem.unauthorized("An 'Authorization: Bearer <api key>' header is required.");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw Problem.unauthorized("The Authorization header must use the Bearer scheme.");
        }
        return authorization.substring(BEARER.length()).trim();
    }
}
