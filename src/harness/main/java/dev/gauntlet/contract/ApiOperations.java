package dev.gauntlet.contract;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The operations of the provider's OpenAPI document by name ({@code GET /orders/{id}}), for checking the names an
 * environment file uses (objectives, {@code allowExposure}, {@code coverageIgnore}, {@code mix}) before any contract
 * or load runs.
 */
public final class ApiOperations {
    private ApiOperations() {
    }

    /**
     * Reads the document's operations.
     *
     * @param where    {@code contracts.openapi}: a path on the provider, or a file as a {@code file:} URI
     * @param provider the running provider, or null when {@code where} is a file
     * @throws IOException              when the document cannot be read, naming where it looked
     * @throws IllegalArgumentException when it is not an OpenAPI 3 document
     */
    public static List<String> names(String where, URI provider) throws IOException {
        return OpenApiDocument.operations(OpenApiDocument.load(where, provider)).stream().map(ApiOperation::name)
                .toList();
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
