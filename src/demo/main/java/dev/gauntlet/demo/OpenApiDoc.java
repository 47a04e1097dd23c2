package dev.gauntlet.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The hand-written OpenAPI 3.0 document of the Orders API ({@code openapi.json} beside this class). The
 * {@code new-endpoint} defect documents its extra operation too, so the gate sees an operation no consumer uses.
 */
final class OpenApiDoc {

    private OpenApiDoc() {
    }

    static String render(OrdersApiSettings settings) {
        ObjectNode doc = load("openapi.json");
        if (settings.has(Defect.NEW_ENDPOINT)) {
            ObjectNode invoice = load("openapi-invoice-path.json");
            ((ObjectNode) doc.get("paths")).set("/orders/{id}/invoice", invoice);
        }
        return doc.toPrettyString();
    }

    private static ObjectNode load(String resource) {
        try (InputStream in = OpenApiDoc.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " beside " + OpenApiDoc.class);
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
