package dev.gauntlet.contract;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * OpenAPI path templates and operation names ({@code GET /orders/{id}}): a {@code {name}} stands for exactly one
 * non-empty path segment; everything else must match literally, except a trailing slash, which servers ignore
 * ({@code /todos/} and {@code /todos} are one operation, named without the slash).
 */
final class PathTemplates {
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]*}");
    private static final Pattern OPERATION = Pattern.compile("([A-Za-z]+) (/\\S*)");

    private PathTemplates() {
    }

    /** Whether the concrete {@code path} (no query string) is an instance of {@code template}. */
    static boolean matches(String template, String path) {
        return regex(path(template)).matcher(path(stripQuery(path))).matches();
    }

    /** The one spelling of a path or template: without a trailing slash ({@code /todos/} → {@code /todos}). */
    static String path(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Parameters count, so that {@code /orders/mine} wins over {@code /orders/{id}} when both match. */
    static int parameters(String template) {
        return (int) PARAMETER.matcher(template).results().count();
    }

    /** The template with every parameter name dropped: {@code /orders/{orderId}} and {@code /orders/{id}} agree. */
    static String normalise(String template) {
        return PARAMETER.matcher(path(template)).replaceAll("{}");
    }

    /** Whether {@code "METHOD /path"} is a well-formed operation name. */
    static boolean isOperation(String name) {
        return OPERATION.matcher(name).matches();
    }

    /**
     * Whether two operation names mean the same operation: same method and either the same template (parameter
     * names aside) or {@code other}'s path is a concrete instance of {@code operation}'s template.
     */
    static boolean sameOperation(String operation, String other) {
        var a = OPERATION.matcher(operation.trim());
        var b = OPERATION.matcher(other.trim());
        if (!a.matches() || !b.matches() || !a.group(1).equalsIgnoreCase(b.group(1))) {
            return false;
        }
        return normalise(a.group(2)).equals(normalise(b.group(2))) || matches(a.group(2), b.group(2));
    }

    /** {@code get /orders/{orderId}} → {@code GET /orders/{}}: what two names of one operation share. */
    static String key(String operation) {
        var m = OPERATION.matcher(operation.trim());
        return m.matches() ? m.group(1).toUpperCase(Locale.ROOT) + " " + normalise(m.group(2)) : operation.trim();
    }

    static String name(String method, String template) {
        return method.toUpperCase(Locale.ROOT) + " " + path(template);
    }

    private static Pattern regex(String template) {
        StringBuilder re = new StringBuilder();
        var m = PARAMETER.matcher(template);
        int at = 0;
        while (m.find()) {
            re.append(Pattern.quote(template.substring(at, m.start()))).append("[^/]+");
            at = m.end();
        }
        re.append(Pattern.quote(template.substring(at)));
        return Pattern.compile(re.toString());
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
