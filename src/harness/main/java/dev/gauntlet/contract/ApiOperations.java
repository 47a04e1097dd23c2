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
}
