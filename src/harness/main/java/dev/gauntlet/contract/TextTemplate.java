package dev.gauntlet.contract;

import au.com.dius.pact.core.model.generators.Generator;
import au.com.dius.pact.core.support.expressions.DataType;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A piece of a request (URL, header value, body) prepared once: literal text with slots that are filled on every
 * request — values from provider states (by index into the values array) or fresh values from a Pact generator.
 * A template without slots renders to the same string every time, without allocating.
 */
final class TextTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    /** Generators read nothing from it but the provider state, which the harness fills itself. */
    private static final Map<String, Object> NO_CONTEXT = new HashMap<>();

    /** How a slot's value is written where it stands. */
    enum Encoding {
        /** As is (path, header value). */
        RAW,
        /** URL-encoded (a query parameter value). */
        QUERY,
        /** A JSON value (strings quoted, numbers and booleans bare). */
        JSON
    }

    /** One piece of the text. */
    interface Part {
        void appendTo(StringBuilder out, Object[] values);
    }

    record Literal(String text) implements Part {
        @Override
        public void appendTo(StringBuilder out, Object[] values) {
            out.append(text);
        }
    }

    /**
     * A {@code fromProviderState} expression ({@code /orders/${orderId}}) filled from provider-state values; a bare
     * name without {@code ${}} stands for the value itself, as in Pact JVM.
     *
     * @param pieces literal strings and {@link Integer} value indexes, in order
     */
    record StateExpression(List<Object> pieces, DataType type, Encoding encoding) implements Part {
        @Override
        public void appendTo(StringBuilder out, Object[] values) {
            if (pieces.size() == 1 && pieces.get(0) instanceof Integer bare) {
                append(out, values[bare], encoding);
                return;
            }
            StringBuilder s = new StringBuilder();
            for (Object p : pieces) {
                s.append(p instanceof Integer i ? String.valueOf(values[i]) : (String) p);
            }
            String text = s.toString();
            if (encoding != Encoding.JSON) {
                append(out, text, encoding);
                return;
            }
            switch (type) {
                case INTEGER, DECIMAL, FLOAT -> out.append(isNumber(text) ? text : quote(text));
                case BOOLEAN -> out.append("true".equals(text));
                default -> out.append(quote(text));
            }
        }
    }

    /** A Pact generator's fresh value for every request. */
    record Generated(Generator generator, Object example, Encoding encoding) implements Part {
        @Override
        public void appendTo(StringBuilder out, Object[] values) {
            append(out, generator.generate(NO_CONTEXT, example), encoding);
        }
    }

    private final Part[] parts;
    private final String constant;

    private TextTemplate(List<Part> parts) {
        List<Part> merged = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                literal.append(l.text());
            } else {
                if (!literal.isEmpty()) {
                    merged.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                merged.add(p);
            }
        }
        if (!literal.isEmpty() || merged.isEmpty()) {
            merged.add(new Literal(literal.toString()));
        }
        this.parts = merged.toArray(Part[]::new);
        this.constant = this.parts.length == 1 && this.parts[0] instanceof Literal l ? l.text() : null;
    }

    static TextTemplate of(List<Part> parts) {
        return new TextTemplate(parts);
    }

    static TextTemplate literal(String text) {
        return new TextTemplate(List.of(new Literal(text)));
    }

    /**
     * The slot for a {@code fromProviderState} expression, registering every name it uses in {@code variables}
     * (whose positions index the values array).
     */
    static Part stateExpression(String expression, DataType type, Encoding encoding, List<String> variables) {
        List<Object> pieces = new ArrayList<>();
        Matcher m = EXPRESSION.matcher(expression);
        int at = 0;
        boolean any = false;
        while (m.find()) {
            any = true;
            if (m.start() > at) {
                pieces.add(expression.substring(at, m.start()));
            }
            pieces.add(variable(m.group(1).trim(), variables));
            at = m.end();
        }
        if (!any) {
            pieces.add(variable(expression.trim(), variables));
        } else if (at < expression.length()) {
            pieces.add(expression.substring(at));
        }
        return new StateExpression(List.copyOf(pieces), type == null ? DataType.RAW : type, encoding);
    }

    /** Names a {@code fromProviderState} expression reads ({@code ${orderId}} → {@code orderId}). */
    static List<String> variablesOf(String expression) {
        List<String> out = new ArrayList<>();
        Matcher m = EXPRESSION.matcher(expression);
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        if (out.isEmpty()) {
            out.add(expression.trim());
        }
        return out;
    }

    private static Integer variable(String name, List<String> variables) {
        int i = variables.indexOf(name);
        if (i < 0) {
            variables.add(name);
            i = variables.size() - 1;
        }
        return i;
    }

    /** The text for one request. */
    String render(Object[] values) {
        if (constant != null) {
            return constant;
        }
        StringBuilder out = new StringBuilder(64);
        for (Part p : parts) {
            p.appendTo(out, values);
        }
        return out.toString();
    }

    /** The text when it never changes, or null. */
    String constant() {
        return constant;
    }

    private static void append(StringBuilder out, Object value, Encoding encoding) {
        switch (encoding) {
            case RAW -> out.append(value);
            case QUERY -> out.append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            default -> out.append(json(value));
        }
    }

    /** A Java value (what generators and JSON state answers produce) as a JSON value. */
    static String json(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof CharSequence s) {
            return quote(s.toString());
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return quote(value.toString());
        }
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    private static boolean isNumber(String s) {
        return s.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    }
}
