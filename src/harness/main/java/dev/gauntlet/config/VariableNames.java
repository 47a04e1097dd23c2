package dev.gauntlet.config;

import java.util.regex.Pattern;

/** Fields that name an environment variable holding a secret: the file carries the name, never the secret. */
final class VariableNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private VariableNames() {
    }

    /**
     * The variable named in {@code field} of {@code node}, or null when the field is absent; a value that cannot be a
     * variable's name (a token pasted in, say) is refused with {@code example} as a hint.
     */
    static String read(Node node, String field, String example) {
        if (!node.has(field)) {
            return null;
        }
        String name = node.text(field).trim();
        if (!NAME.matcher(name).matches()) {
            throw node.field(field).error("expected the NAME of the environment variable that holds it (such as "
                    + example + "), never the secret itself, got '" + name + "'");
        }
        return name;
    }
}
