package dev.gauntlet.contract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One operation of the provider's OpenAPI document.
 *
 * @param method   upper-case HTTP method
 * @param template path template as the document writes it ({@code /orders/{id}}), without a trailing slash
 * @param tags     the operation's tags
 */
record ApiOperation(String method, String template, List<String> tags) {
    ApiOperation {
        method = method.toUpperCase(Locale.ROOT);
        template = PathTemplates.path(template);
        tags = List.copyOf(tags);
    }

    /** {@code GET /orders/{id}}. */
    String name() {
        return PathTemplates.name(method, template);
    }

    boolean matches(String requestMethod, String path) {
        return method.equalsIgnoreCase(requestMethod) && PathTemplates.matches(template, path);
    }

    /** The operation a request belongs to: the matching one with the fewest path parameters. */
    static Optional<ApiOperation> of(List<ApiOperation> operations, String requestMethod, String path) {
        ApiOperation best = null;
        for (ApiOperation o : operations) {
            if (o.matches(requestMethod, path) && (best == null
                    || PathTemplates.parameters(o.template) < PathTemplates.parameters(best.template))) {
                best = o;
            }
        }
        return Optional.ofNullable(best);
    }
}
