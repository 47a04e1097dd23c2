package dev.gauntlet.probe;

import dev.gauntlet.contract.ProbeSources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OWASP API8 (security misconfiguration), per path the contracts exercise (one interaction each, reads first):
 * <ul>
 *   <li>CORS: the request sent with a foreign {@code Origin}, and its preflight; an answer that allows that origin
 *       (reflected, or {@code null}) together with {@code Access-Control-Allow-Credentials: true} FAILs — any site
 *       could read the API as a signed-in user; {@code *} with credentials WARNs (browsers do not expose such an
 *       answer, per the Fetch standard, but the configuration is wrong);</li>
 *   <li>versions: {@code Server}, {@code X-Powered-By} and {@code X-Generator} naming a product with its version
 *       ({@code nginx/1.25.3}, {@code Jetty(11.0.20)}), and {@code X-AspNet-Version}/{@code X-AspNetMvc-Version}
 *       at all, FAIL;</li>
 *   <li>TRACE answered 2xx FAILs (it echoes the request, credentials included).</li>
 * </ul>
 */
final class MisconfigurationProbes {
    /** A foreign origin; a header value only: nothing is ever sent to it. */
    static final String FOREIGN_ORIGIN = "https://gauntlet-probe.invalid";
    private static final List<String> PRODUCT_HEADERS = List.of("server", "x-powered-by", "x-generator");
    private static final List<String> VERSION_HEADERS = List.of("x-aspnet-version", "x-aspnetmvc-version");
    /** A product token with its version: {@code nginx/1.25.3}, {@code PHP/8.1}, {@code Jetty(11.0.20)}. */
    private static final Pattern PRODUCT = Pattern.compile("[A-Za-z][\\w.+-]*(/|\\()v?\\d+\\.\\d+");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");

    private MisconfigurationProbes() {
    }

    static void run(ProbeContext ctx) {
        Map<String, ProbeSources.Source> byPath = new LinkedHashMap<>();
        for (ProbeSources.Source s : ctx.onePerOperation(s -> true)) {
            ProbeSources.Source seen = byPath.get(s.pathTemplate());
            if (seen == null || (!seen.template().method().equals("GET") && s.template().method().equals("GET"))) {
                byPath.put(s.pathTemplate(), s);
            }
        }
        for (ProbeSources.Source s : byPath.values()) {
            cors(ctx, s, false);
            cors(ctx, s, true);
            trace(ctx, s);
        }
    }

    private static void cors(ProbeContext ctx, ProbeSources.Source s, boolean preflight) {
        Call original = ctx.freshCall(ProbeKind.MISCONFIGURATION, s);
        if (original == null) {
            return;
        }
        Call call = preflight
                ? new Call("OPTIONS", original.uri(), Map.of("Origin", FOREIGN_ORIGIN,
                "Access-Control-Request-Method", original.method(), "Access-Control-Request-Headers",
                String.join(",", ctx.credentials(original).keySet()).toLowerCase(Locale.ROOT)), null)
                : original.with(Map.of("Origin", FOREIGN_ORIGIN));
        Reply reply = ctx.http.send(call);
        String allowed = reply.headers().getOrDefault("access-control-allow-origin", "");
        boolean credentials = reply.headers().getOrDefault("access-control-allow-credentials", "").trim()
                .equalsIgnoreCase("true");
        boolean reflected = allowed.trim().equals(FOREIGN_ORIGIN) || allowed.trim().equals("null");
        boolean any = allowed.trim().equals("*");
        boolean passed = !(reflected && credentials);
        String reason = !passed ? "Access-Control-Allow-Origin: " + allowed
                + " with Access-Control-Allow-Credentials: true for the foreign origin " + FOREIGN_ORIGIN
                + ": any site can read this API with its visitors' credentials"
                : reflected || any ? "the foreign origin is allowed (" + allowed + ")" + (credentials
                ? " with Access-Control-Allow-Credentials: true, which browsers refuse for *" : ", without credentials")
                : "the foreign origin is not allowed" + (allowed.isEmpty() ? "" : " (" + allowed + ")");
        String warning = any && credentials ? "Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: "
                + "true: browsers do not expose such answers, but the CORS configuration is wrong" : null;
        ctx.record(ctx.result(ProbeKind.MISCONFIGURATION, s, preflight ? "CORS preflight from a foreign origin"
                : "from a foreign origin", passed, reason, warning, call, reply, Map.of()));
        if (!preflight) { // the same answer, judged for what its headers say about the server
            String leaked = version(reply);
            ctx.record(ctx.result(ProbeKind.MISCONFIGURATION, s, "versions in the answer's headers", leaked == null,
                    leaked == null ? "no version in Server, X-Powered-By or the like"
                    : "the answer names the server's version: " + leaked, call, reply, Map.of()));
        }
    }

    private static void trace(ProbeContext ctx, ProbeSources.Source s) {
        Call original = ctx.freshCall(ProbeKind.MISCONFIGURATION, s);
        if (original == null) {
            return;
        }
        Call call = new Call("TRACE", original.uri(), original.headers(), null);
        Reply reply = ctx.http.send(call);
        boolean passed = !reply.is2xx();
        ctx.record(ctx.result(ProbeKind.MISCONFIGURATION, s, "TRACE", passed, passed ? "TRACE answered "
                + reply.describe() : "TRACE must not be answered 2xx (it echoes requests, credentials included), but it "
                + "was answered " + reply.status(), call, reply, Map.of()));
    }

    /** A header that names a version ({@code Server: Jetty(11.0.20)}), or null. */
    static String version(Reply reply) {
        for (String h : PRODUCT_HEADERS) {
            String v = reply.headers().get(h);
            if (v != null && PRODUCT.matcher(v).find()) {
                return h + ": " + v;
            }
        }
        for (String h : VERSION_HEADERS) {
            String v = reply.headers().get(h);
            if (v != null && VERSION.matcher(v).find()) {
                return h + ": " + v;
            }
        }
        return null;
    }
}
