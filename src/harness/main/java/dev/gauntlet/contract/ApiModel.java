package dev.gauntlet.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The provider's OpenAPI document of a run, read once: its operations, named one way everywhere
 * ({@code GET /orders/{id}}, no trailing slash), and the document itself (OpenAPI 3; a Swagger 2.0 document is
 * converted to it). Coverage, exposure, traffic from contracts, the probes and the checks after the load all read
 * this one model.
 *
 * @param source     {@code contracts.openapi}, or null when none is configured
 * @param document   the document as OpenAPI 3, or null (none configured, or not readable)
 * @param operations its operations in document order (empty without a document)
 * @param problem    why the document could not be read, or null
 */
public record ApiModel(String source, JsonNode document, List<ApiOperation> operations, String problem) {
    public ApiModel {
        operations = List.copyOf(operations);
        if (problem != null && document != null) {
            throw new IllegalArgumentException("a model that could not be read has no document");
        }
    }

    /** No document configured. */
    public static ApiModel none() {
        return new ApiModel(null, null, List.of(), null);
    }

    /**
     * Reads {@code contracts.openapi}; never throws: what went wrong is the model's {@link #problem()}.
     *
     * @param where    a path on the provider ({@code /openapi.json}), or a file as a {@code file:} URI, or null
     * @param provider the running provider, or null when {@code where} is a file
     */
    public static ApiModel load(String where, URI provider) {
        if (where == null) {
            return none();
        }
        try {
            return of(where, OpenApiDocument.load(where, provider));
        } catch (IOException | IllegalArgumentException e) {
            return new ApiModel(where, null, List.of(), e.getMessage());
        }
    }

    /**
     * The model of a document already read.
     *
     * @throws IllegalArgumentException when it is neither OpenAPI 3 nor Swagger 2.0
     */
    static ApiModel of(String where, JsonNode document) {
        JsonNode openapi = Swagger2.isSwagger2(document) ? Swagger2.toOpenApi3(document) : document;
        return new ApiModel(where, openapi, OpenApiDocument.operations(openapi), null);
    }

    /** Whether a document was read. */
    public boolean readable() {
        return problem == null && document != null;
    }

    /** Whether the operation {@code name} has {@code tag} (those tagged {@code meta} are not counted for coverage). */
    public boolean tagged(String name, String tag) {
        return operations.stream().anyMatch(o -> o.name().equals(name) && o.tags().contains(tag));
    }

    /** The operations' names ({@code GET /orders/{id}}), in document order. */
    public List<String> names() {
        return operations.stream().map(ApiOperation::name).toList();
    }
}
