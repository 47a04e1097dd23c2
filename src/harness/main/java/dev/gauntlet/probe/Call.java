package dev.gauntlet.probe;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request a probe sends: an interaction's request with something changed.
 *
 * @param method  HTTP method
 * @param uri     absolute URI on the provider
 * @param headers header name to value, in order
 * @param body    the body, or null
 */
record Call(String method, URI uri, Map<String, String> headers, String body) {
    Call {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** This call with the headers named in {@code names} (any case) removed. */
    Call without(Set<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!contains(names, k)) {
                out.put(k, v);
            }
        });
        return new Call(method, uri, out, body);
    }

    /** This call with {@code replacements} set (replacing headers of the same name, any case). */
    Call with(Map<String, String> replacements) {
        Call c = without(replacements.keySet());
        Map<String, String> out = new LinkedHashMap<>(c.headers);
        out.putAll(replacements);
        return new Call(method, uri, out, body);
    }

    Call withBody(String newBody) {
        return new Call(method, uri, headers, newBody);
    }

    /** The value of header {@code name} (any case), or null. */
    String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    static boolean contains(Set<String> names, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(lower));
    }
}
