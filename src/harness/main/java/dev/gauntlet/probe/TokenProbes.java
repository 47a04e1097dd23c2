package dev.gauntlet.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.contract.ProbeSources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OWASP API2 beyond missing and unknown credentials: a token that was tampered with must be refused (a bearer token,
 * of a {@code Cookie} header the cookie whose removal alone gets the request refused, or an API key header's whole
 * value). One interaction per operation that succeeds with credentials is sent again with its token changed: a
 * character appended, the last character changed, the last character cut; a JSON Web Token also with {@code alg: none}
 * and no signature, with its claims changed under the original signature, and with an {@code exp} in the past under
 * the original signature (a tampered token like the changed claims: not a test of expiry, since a token the API
 * issued that has expired cannot be made here). Each must be refused with 401 or 403; a 2xx means the API trusted a
 * token it cannot have issued. While a fault is on, any non-2xx without the owner's data refuses (the API fails
 * closed).
 */
final class TokenProbes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BEARER = Pattern.compile("(?i)^(bearer\\s+)(\\S+)$");
    private static final Pattern JWT = Pattern.compile("^([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]*)$");

    private TokenProbes() {
    }

    /** A changed token and how it was changed. */
    record Forgery(String what, String token) {
    }

    static void run(ProbeContext ctx) {
        for (ProbeSources.Source s : ctx.onePerOperation(s -> ctx.sendsCredentials(s)
                && !ctx.isPublic(s.replay().operation()))) {
            Call first = ctx.freshCall(ProbeKind.TOKENS, s);
            Credential credential = first == null ? null : token(ctx, s, first);
            if (credential == null) {
                continue; // cut by the bounds, or no token among the credentials: nothing to forge
            }
            List<Forgery> forgeries = forgeries(credential.token());
            for (int i = 0; i < forgeries.size(); i++) {
                Call original = i == 0 ? first : ctx.freshCall(ProbeKind.TOKENS, s);
                if (original == null) {
                    break;
                }
                probe(ctx, s, original, credential, forgeries.get(i));
            }
        }
    }

    /**
     * The token a credential header carries: after its scheme ({@code Bearer abc}), after a cookie's name
     * ({@code session=abc}; of a {@code Cookie} header with several, {@code prefix} and {@code suffix} hold the
     * others), else the whole value (an API key).
     *
     * @param without for one cookie of several: the header without it, else null
     */
    record Credential(String header, String prefix, String token, String suffix, String without) {
        Credential(String header, String prefix, String token) {
            this(header, prefix, token, "", null);
        }

        /** The header's value with {@code forged} in place of the token. */
        String value(String forged) {
            return prefix + forged + suffix;
        }
    }

    /**
     * The token of the call's credentials: the first candidate; of a header with several cookies, the first cookie
     * whose removal gets the request refused (the others, {@code lang=en}, are not credentials). Null when none.
     */
    private static Credential token(ProbeContext ctx, ProbeSources.Source s, Call first) {
        List<Credential> candidates = candidates(ctx.credentials(first));
        if (candidates.isEmpty() || candidates.get(0).without() == null) {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
        for (Credential c : candidates) {
            Call fresh = c.without() == null ? null : ctx.freshCall(ProbeKind.TOKENS, s);
            if (fresh != null) {
                Reply reply = ctx.http.send(fresh.with(java.util.Map.of(c.header(), c.without())));
                if (reply.status() == 401 || reply.status() == 403) {
                    return c;
                }
            }
        }
        ctx.note("no token probes of " + s.replay().name() + ": no single cookie of its credentials is needed (the "
                + "request without any one of them was not refused with 401 or 403)");
        return null;
    }

    /** The first credential with a token of at least 2 characters, bearer tokens first; null when there is none. */
    static Credential credential(Map<String, String> credentials) {
        List<Credential> found = candidates(credentials);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every credential with a token of at least 2 characters, bearer tokens first, each cookie of a list apart. */
    static List<Credential> candidates(Map<String, String> credentials) {
        List<Credential> found = new ArrayList<>();
        for (Map.Entry<String, String> e : credentials.entrySet()) {
            String v = e.getValue().trim();
            Matcher bearer = BEARER.matcher(v);
            int equals = v.indexOf('=');
            if (bearer.matches()) {
                if (bearer.group(2).length() >= 2) {
                    found.add(0, new Credential(e.getKey(), bearer.group(1), bearer.group(2)));
                }
            } else if (equals > 0 && v.contains(";")) {
                cookies(e.getKey(), v).stream().filter(c -> c.token().length() >= 2).forEach(found::add);
            } else {
                Credential c = equals > 0 && v.indexOf(' ') < 0
                        ? new Credential(e.getKey(), v.substring(0, equals + 1), v.substring(equals + 1))
                        : new Credential(e.getKey(), "", v);
                if (c.token().length() >= 2) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    /** Each cookie of {@code session=abc; lang=en} as a credential of its own. */
    private static List<Credential> cookies(String header, String value) {
        String[] parts = value.split(";");
        List<Credential> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            int equals = part.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            for (int k = 0; k < parts.length; k++) {
                if (k != i && !parts[k].isBlank()) {
                    (k < i ? before : after).add(parts[k].trim());
                }
            }
            String prefix = (before.isEmpty() ? "" : String.join("; ", before) + "; ") + part.substring(0, equals + 1);
            String suffix = after.isEmpty() ? "" : "; " + String.join("; ", after);
            List<String> others = new ArrayList<>(before);
            others.addAll(after);
            out.add(new Credential(header, prefix, part.substring(equals + 1), suffix, String.join("; ", others)));
        }
        return out;
    }

    private static void probe(ProbeContext ctx, ProbeSources.Source s, Call original, Credential credential,
                              Forgery f) {
        Call call = original.with(Map.of(credential.header(), credential.value(f.token())));
        Reply reply = ctx.http.send(call);
        boolean refused = reply.status() == 401 || reply.status() == 403;
        boolean closed = !refused && AuthenticationProbes.failsClosed(ctx, reply);
        List<String> leaked = closed ? Leaks.of(ownerData(ctx, original), reply.body(), call) : List.of();
        boolean passed = refused || reply.is4xx() || (closed && leaked.isEmpty());
        String reason = closed ? (leaked.isEmpty() ? "not answered while " + ctx.fault + " is on (" + reply.describe()
                + "): the API fails closed" : "answered " + reply.status() + " while " + ctx.fault + " is on, "
                + "carrying the resource's data: " + leaked)
                : refused ? "refused with " + reply.status()
                : passed ? "refused with " + reply.status() + " (401 or 403 is due)"
                : "a " + f.what() + " must be refused with 401 or 403, but it was answered " + reply.describe();
        ctx.record(ctx.result(ProbeKind.TOKENS, s, f.what(), passed, reason,
                refused || closed ? null : "a " + f.what() + " refused with " + reply.status() + " where 401 or 403 is due",
                call, reply, Map.of()));
    }

    /** The owner's answer to the untampered request as JSON (null when it is not a 2xx with JSON). */
    private static JsonNode ownerData(ProbeContext ctx, Call original) {
        Reply owner = ctx.http.send(original);
        return owner.is2xx() ? owner.json() : null;
    }

    /** The tampered versions of {@code token}, the same every run. */
    static List<Forgery> forgeries(String token) {
        List<Forgery> out = new ArrayList<>();
        Matcher jwt = JWT.matcher(token);
        if (jwt.matches()) {
            JsonNode header = decode(jwt.group(1));
            JsonNode claims = decode(jwt.group(2));
            if (header instanceof ObjectNode h && claims instanceof ObjectNode c) {
                ObjectNode none = h.deepCopy();
                none.put("alg", "none");
                out.add(new Forgery("JWT with alg none and no signature", encode(none) + "." + jwt.group(2) + "."));
                ObjectNode changed = c.deepCopy();
                changed.put("sub", "gauntlet-forged");
                out.add(new Forgery("JWT with its claims changed under the original signature",
                        jwt.group(1) + "." + encode(changed) + "." + jwt.group(3)));
                ObjectNode expired = c.deepCopy();
                expired.put("exp", 946684800L);
                expired.put("iat", 946681200L);
                out.add(new Forgery("JWT expired in 2000 under the original signature",
                        jwt.group(1) + "." + encode(expired) + "." + jwt.group(3)));
                out.add(new Forgery("JWT without its signature", jwt.group(1) + "." + jwt.group(2) + "."));
                return out;
            }
        }
        if (token.length() >= 2) {
            char last = token.charAt(token.length() - 1);
            char other = Character.isDigit(last) ? (last == '9' ? '0' : (char) (last + 1))
                    : Character.isLetter(last) ? (Character.toLowerCase(last) == 'z' ? 'a' : (char) (last + 1)) : 'x';
            out.add(new Forgery("token with one character appended", token + "x"));
            out.add(new Forgery("token with its last character changed", token.substring(0, token.length() - 1) + other));
            out.add(new Forgery("token with its last character cut", token.substring(0, token.length() - 1)));
        }
        return out;
    }

    private static JsonNode decode(String part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private static String encode(JsonNode node) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }
}
