package dev.gauntlet.demo;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tunable slowdown of named operations ({@code --slow-operation "GET /products/{sku}=20ms"}): every request of the
 * operation waits that long before it is handled. Small enough to stay under every absolute threshold, so only a
 * comparison with earlier runs can see it.
 */
record SlowOperations(List<Rule> rules) {
    private static final Pattern SPEC = Pattern.compile("([A-Z]+)\\s+(/\\S*)\\s*=\\s*(\\d+)\\s*ms");

    SlowOperations {
        rules = List.copyOf(rules);
    }

    static SlowOperations none() {
        return new SlowOperations(List.of());
    }

    /** One slowed operation: its method, its path as a pattern, the delay. */
    record Rule(String method, Pattern path, Duration delay) {
    }

    /**
     * Reads {@code "GET /products/{sku}=20ms"}.
     *
     * @throws IllegalArgumentException with what was expected
     */
    static Rule parse(String text) {
        Matcher m = SPEC.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected METHOD /path=Nms such as \"GET /products/{sku}=20ms\", got '"
                    + text + "'");
        }
        String regex = "\\Q" + m.group(2).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q") + "\\E";
        return new Rule(m.group(1).toUpperCase(Locale.ROOT), Pattern.compile(regex),
                Duration.ofMillis(Long.parseLong(m.group(3))));
    }

    /** Waits the delay of the rule matching this request, if any. */
    void apply(Context ctx) throws InterruptedException {
        for (Rule r : rules) {
            if (r.method().equals(ctx.method().name()) && r.path().matcher(ctx.path()).matches()) {
                Thread.sleep(r.delay().toMillis());
                return;
            }
        }
    }
}
