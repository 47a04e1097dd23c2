package dev.gauntlet.cache;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a shared cache (a CDN, a reverse proxy) may store an answer to a request that carried a caller's
 * credentials, by RFC 9111: such an answer carries that caller's data and must never be served to anyone else.
 *
 * <ul>
 *   <li>{@code no-store} or {@code private} (without field names): never stored by a shared cache — fine.</li>
 *   <li>{@code public} or {@code s-maxage}: a shared cache may store it even for a request with Authorization
 *       (RFC 9111 §3.5) — a breach.</li>
 *   <li>A request with {@code Authorization} otherwise: shared caches do not store the answer unless it says
 *       {@code must-revalidate} — a breach when it does.</li>
 *   <li>Credentials in other headers (an API key, a cookie): a shared cache may store the answer when it has explicit
 *       freshness ({@code max-age}, {@code Expires}) or a heuristically cacheable status, unless {@code Vary} names
 *       every credential header — a breach otherwise.</li>
 * </ul>
 */
public final class CachePolicy {
    /** Statuses a cache may store with heuristic freshness (RFC 9110 §15.1). */
    private static final Set<Integer> HEURISTIC = Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501);

    private CachePolicy() {
    }

    /**
     * Why a shared cache could hand this answer to another caller, or null when it cannot.
     *
     * @param method      the request's method
     * @param credentials names of the credential headers the request carried (empty: not judged, returns null)
     * @param status      the answer's status
     * @param headers     the answer's headers (any case)
     */
    public static String breach(String method, Set<String> credentials, int status, Map<String, String> headers) {
        if (credentials.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))) {
            return null;
        }
        String cacheControl = header(headers, "Cache-Control");
        Map<String, String> d = directives(cacheControl);
        String shown = cacheControl == null ? "no Cache-Control" : "Cache-Control: " + cacheControl;
        if (d.containsKey("no-store") || d.containsKey("private") && d.get("private") == null) {
            return null;
        }
        String sent = String.join(", ", credentials);
        if (d.containsKey("public") || d.containsKey("s-maxage")) {
            return shown + " on an answer to a request with " + sent + ": a shared cache may store it and serve this "
                    + "caller's data to anyone (send private or no-store)";
        }
        boolean authorization = credentials.stream().anyMatch(c -> c.equalsIgnoreCase("Authorization"));
        if (authorization) {
            return d.containsKey("must-revalidate") ? shown + " on an answer to a request with Authorization: "
                    + "must-revalidate lets a shared cache store it (RFC 9111 §3.5; send private or no-store)" : null;
        }
        String vary = header(headers, "Vary");
        if (vary != null && (vary.trim().equals("*") || credentials.stream().allMatch(c -> listed(vary, c)))) {
            return null;
        }
        boolean fresh = d.containsKey("max-age") && !"0".equals(d.get("max-age"))
                || header(headers, "Expires") != null;
        if (fresh || HEURISTIC.contains(status) && !d.containsKey("no-cache")) {
            return shown + " on an answer to a request with " + sent + " (not Authorization, not in Vary): a shared "
                    + "cache may store it " + (fresh ? "for its freshness lifetime" : "with heuristic freshness")
                    + " and serve it to another caller (send private or no-store)";
        }
        return null;
    }

    /** The directives of a Cache-Control value, lower-case names to their value (null: none). */
    static Map<String, String> directives(String cacheControl) {
        Map<String, String> out = new LinkedHashMap<>();
        if (cacheControl == null) {
            return out;
        }
        for (String part : cacheControl.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : p.substring(eq + 1).trim().replace("\"", "");
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /** A header's value by name, any case; null when absent. */
    static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean listed(String list, String name) {
        for (String item : list.split(",")) {
            if (item.trim().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
