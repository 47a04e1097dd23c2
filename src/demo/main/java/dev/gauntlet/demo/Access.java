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
 * {@code WWW-Authenticate: Bearer}; over the limit: 429 with {@code Retry-After: 1}. Carol also holds the
 * {@code admin} role (back-office operations); anyone else gets 403 there.
 */
final class Access {

    /** A handler that runs for an authenticated customer. */
    @FunctionalInterface
    interface CustomerHandler {
        void handle(Context ctx, String customer) throws Exception;
    }

    private static final Map<String, String> CUSTOMERS_BY_KEY =
            Map.of("key-alice", "alice", "key-bob", "bob", "key-carol", "carol");
    private static final Map<String, java.util.Set<String>> ROLES = Map.of("carol", java.util.Set.of("admin"));
    private static final String BEARER = "Bearer ";
    private static final String KEY_PREFIX = "key-";

    private final RateLimiterRegistry limiters;
    private final boolean trustKeyNames;
    private final boolean ignoreRoles;

    /** Without seeded defects. */
    Access(int limitPerSecond) {
        this(limitPerSecond, java.util.Set.of());
    }

    /**
     * @param defects {@code forged-token}: any {@code key-<name>} is customer {@code <name>}; {@code role-bypass}:
     *                roles are not checked
     */
    Access(int limitPerSecond, java.util.Set<Defect> defects) {
        this.trustKeyNames = defects.contains(Defect.FORGED_TOKEN);
        this.ignoreRoles = defects.contains(Defect.ROLE_BYPASS);
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
            if (customer == null && trustKeyNames && key.startsWith(KEY_PREFIX) && key.length() > KEY_PREFIX.length()) {
                customer = key.substring(KEY_PREFIX.length()); // the defect: the name in the key is trusted
            }
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

    /** {@code handler} for an authenticated customer who holds {@code role}; 403 for anyone else. */
    Handler withRole(String role, CustomerHandler handler) {
        return secured((ctx, customer) -> {
            if (!ignoreRoles && !ROLES.getOrDefault(customer, java.util.Set.of()).contains(role)) {
                throw Problem.forbidden("This operation needs the '" + role + "' role.");
            }
            handler.handle(ctx, customer);
        });
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
