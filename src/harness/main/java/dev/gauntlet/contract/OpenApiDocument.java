package dev.gauntlet.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The provider's OpenAPI document (3, or Swagger 2.0 converted): where it comes from and the operations it lists. */
final class OpenApiDocument {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiDocument() {
    }

    /**
     * Reads the document.
     *
     * @param where    a path on the provider ({@code /openapi.json}), or a file as a {@code file:} URI or a relative
     *                 path (JSON, or YAML when it ends in {@code .yaml}/{@code .yml})
     * @param provider the running provider
     * @throws IOException with a message naming where it looked and what it found
     */
    static JsonNode load(String where, URI provider) throws IOException {
        boolean yaml = where.endsWith(".yaml") || where.endsWith(".yml");
        if (!where.startsWith("/")) {
            Path file = where.startsWith("file:") ? Path.of(URI.create(where)) : Path.of(where);
            try {
                return (yaml ? YAML : JSON).readTree(Files.readString(file));
            } catch (NoSuchFileException e) {
                throw new IOException("file " + file + " not found");
            }
        }
        URI uri = provider.resolve(where);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri);
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " should answer 200, answered " + response.statusCode());
        }
        yaml |= response.headers().firstValue("Content-Type").orElse("").contains("yaml");
        try {
            return (yaml ? YAML : JSON).readTree(response.body());
        } catch (IOException e) {
            throw new IOException("GET " + uri + " did not answer a JSON or YAML document: " + e.getMessage());
        }
    }

    /**
     * Every operation (method + path template) in document order; a Swagger 2.0 document is converted first.
     *
     * @throws IllegalArgumentException when {@code doc} is neither an OpenAPI 3 nor a Swagger 2.0 document
     */
    static List<ApiOperation> operations(JsonNode doc) {
        if (Swagger2.isSwagger2(doc)) {
            doc = Swagger2.toOpenApi3(doc);
        }
        String version = doc == null ? "" : doc.path("openapi").asText("");
        if (!version.startsWith("3.")) {
            throw new IllegalArgumentException("expected an OpenAPI 3 document ('openapi: 3.x') or a Swagger 2.0 one "
                    + "('swagger: \"2.0\"'), got " + (version.isEmpty() ? "no 'openapi' field"
                    : "openapi " + version));
        }
        List<ApiOperation> out = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                List<String> tags = new ArrayList<>();
                op.getValue().path("tags").forEach(t -> tags.add(t.asText()));
                out.add(new ApiOperation(op.getKey(), path.getKey(), tags));
            }
        }));
        return out;
    }
}
