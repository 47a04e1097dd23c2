package dev.gauntlet.demo;

import java.util.Map;

/**
 * An RFC 9457 problem the API answers with ({@code application/problem+json}); thrown from handlers and
 * rendered by one exception handler.
 */
final class Problem extends RuntimeException {

    final int status;
    final String slug;
    final String title;
    final Map<String, String> headers;

    private Problem(int status, String slug, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.headers = headers;
    }

    static Problem badRequest(String detail) {
        return new Problem(400, "validation", "Invalid request", detail, Map.of());
    }

    static Problem unauthorized(String detail) {
        return new Problem(401, "unauthorized", "Unauthorized", detail, Map.of("WWW-Authenticate", "Bearer"));
    }

    static Problem forbidden(String detail) {
        return new Problem(403, "forbidden", "Forbidden", detail, Map.of());
    }

    static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not found", detail, Map.of());
    }

    static Problem tooManyRequests(String detail) {
        return new Problem(429, "rate-limited", "Too many requests", detail, Map.of("Retry-After", "1"));
    }

    static Problem badGateway(String detail) {
        return new Problem(502, "payments-unavailable", "Payments unavailable", detail, Map.of());
    }

    static Problem of(int status, String title, String detail) {
        return new Problem(status, "http-" + status, title, detail, Map.of());
    }

    static Problem internal() {
        return new Problem(500, "internal", "Internal server error", "An unexpected error occurred.", Map.of());
    }

    /** The {@code missing-field-500} defect: the exception and its stack trace in the answer. */
    static Problem internal(Exception e) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        return new Problem(500, "internal", "Internal server error", trace.toString(), Map.of());
    }

    String detail() {
        return getMessage();
    }

    /** The body, field order fixed: type, title, status, detail. */
    Map<String, Object> body() {
        return Json.fields("type", "/problems/" + slug, "title", title, "status", status, "detail", detail());
    }
}
