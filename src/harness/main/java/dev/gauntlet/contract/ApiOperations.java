package dev.gauntlet.contract;

/**
 * Operation names ({@code GET /orders/{id}}) as the environment file uses them (objectives, {@code allowExposure},
 * {@code coverageIgnore}, {@code publicOperations}, {@code mix}), checked against {@link ApiModel#names()} before any
 * contract or load runs.
 */
public final class ApiOperations {
    private ApiOperations() {
    }

    /** Whether {@code where} (a value of {@code contracts.openapi}) is a file, readable before anything starts. */
    public static boolean isFile(String where) {
        return where != null && !where.startsWith("/");
    }

    /** Whether two operation names are the same operation ({@code {id}} and {@code {orderId}} are the same slot). */
    public static boolean same(String a, String b) {
        return PathTemplates.key(a).equals(PathTemplates.key(b));
    }

    /**
     * Whether the name {@code declared} (a template, {@code GET /items/{id}}) covers {@code operation}: the same
     * operation, or a concrete request of it ({@code GET /items/1}, as pacts name an operation without a document).
     */
    public static boolean covers(String declared, String operation) {
        return PathTemplates.sameOperation(declared, operation);
    }
}
