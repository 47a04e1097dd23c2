package dev.gauntlet.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what an error answer should never show (OWASP API8, security misconfiguration): stack traces, exception
 * class names, SQL fragments. Text the probe itself sent (an injection string echoed in a 400's detail) is not
 * counted.
 */
final class Internals {
    private record Tell(String what, Pattern pattern) {
    }

    private static final List<Tell> TELLS = List.of(
            new Tell("a Java stack frame", Pattern.compile("\\bat [\\w$.<>]+\\((?:[\\w$]+\\.(?:java|kt|scala)(?::\\d+)?|Native Method|Unknown Source)\\)")),
            new Tell("a Python traceback", Pattern.compile("Traceback \\(most recent call last\\)|File \"[^\"]+\", line \\d+")),
            new Tell("a JavaScript stack frame", Pattern.compile("\\bat .{1,200}\\.[cm]?js:\\d+:\\d+")),
            new Tell("an exception class name", Pattern.compile("\\b(?:[a-z_][\\w]*\\.)*[A-Z]\\w*(?:Exception|Error)\\b(?=[:\\s\"',)]|$)"
                    + "|\\b(?:[a-z_][\\w]*\\.){2,}[A-Z]\\w*\\b")),
            new Tell("an SQL fragment", Pattern.compile("(?i)\\bselect\\b[^\"]{1,200}\\bfrom\\b|\\binsert\\s+into\\b|\\bupdate\\s+\\w+\\s+set\\b"
                    + "|\\bSQLSTATE\\b|syntax error at or near|\\bORA-\\d{5}\\b|error in your SQL syntax|\\bSQLITE_\\w+|\\bPSQLException\\b")));
    private static final Pattern GENERIC_ERROR = Pattern.compile("(?i)\\b(?:internal server|unexpected|an) error\\b");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private Internals() {
    }

    /**
     * What in {@code body} betrays the implementation, one description each ({@code an exception class name:
     * java.lang.NullPointerException}); empty when nothing does.
     *
     * @param sent strings the probe put into its request (removed from the body before looking)
     */
    static List<String> in(String body, List<String> sent) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        String text = body + "\n" + decoded(body);
        for (String s : sent) {
            if (s != null && s.length() >= 3) {
                text = text.replace(s, " ").replace(jsonEscaped(s), " ");
            }
        }
        List<String> out = new ArrayList<>();
        for (Tell t : TELLS) {
            Matcher m = t.pattern().matcher(text);
            while (m.find()) {
                String found = m.group();
                if (t.what().equals("an exception class name") && GENERIC_ERROR.matcher(found).matches()) {
                    continue;
                }
                out.add(t.what() + ": " + (found.length() > 120 ? found.substring(0, 120) + "…" : found));
                break;
            }
        }
        return out;
    }

    /** The text values of a JSON body, unescaped (a stack trace inside a JSON string has its tabs and newlines back). */
    private static String decoded(String body) {
        try {
            StringBuilder out = new StringBuilder();
            collect(JSON.readTree(body), out);
            return out.toString();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode node, StringBuilder out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            out.append(node.asText()).append('\n');
        } else if (node.isContainerNode()) {
            node.elements().forEachRemaining(n -> collect(n, out));
        }
    }

    private static String jsonEscaped(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\u0027").replace("<", "\\u003c")
                .replace(">", "\\u003e");
    }
}
