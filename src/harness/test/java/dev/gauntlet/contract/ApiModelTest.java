package dev.gauntlet.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's OpenAPI model: OpenAPI 3 read as is, Swagger 2.0 (what PostgREST serves) converted into the same model,
 * operations named one way, a document that cannot be read a problem of the model rather than an exception.
 */
class ApiModelTest {
    /** Shaped like PostgREST's root document: basePath, body parameters, definitions refs, an API key. */
    static final String POSTGREST = """
            swagger: "2.0"
            info: {title: PostgREST API, version: "12"}
            host: 127.0.0.1:3000
            basePath: /api/
            schemes: [http]
            consumes: [application/json]
            produces: [application/json]
            securityDefinitions:
              JWT: {type: apiKey, in: header, name: Authorization}
            security: [{JWT: []}]
            parameters:
              rowFilter.todos.id: {name: id, in: query, required: false, type: string, format: integer}
              body.todos: {name: todos, in: body, required: false, schema: {$ref: "#/definitions/todos"}}
            paths:
              /:
                get: {tags: [Introspection], responses: {"200": {description: OK}}}
              /todos:
                get:
                  tags: [todos]
                  parameters: [{$ref: "#/parameters/rowFilter.todos.id"}, {name: limit, in: query, type: string}]
                  responses:
                    "200": {description: OK, schema: {type: array, items: {$ref: "#/definitions/todos"}}}
                post:
                  tags: [todos]
                  parameters: [{$ref: "#/parameters/body.todos"}]
                  responses: {"201": {description: Created}}
                patch:
                  tags: [todos]
                  parameters:
                    - {name: todos, in: body, required: true, schema: {$ref: "#/definitions/todos"}}
                  responses: {"204": {description: No Content}}
                  security: []
              /todos/{id}:
                delete:
                  parameters: [{name: id, in: path, required: true, type: integer}]
                  responses: {"204": {description: gone}}
            definitions:
              todos:
                type: object
                required: [id]
                properties:
                  id: {type: integer, format: integer}
                  task: {type: string}
                  status: {type: string, enum: [open, done]}
            """;

    @TempDir
    Path dir;

    private ApiModel model(String yaml) throws IOException {
        Path file = dir.resolve("openapi.yaml");
        Files.writeString(file, yaml);
        return ApiModel.load(file.toUri().toString(), null);
    }

    @Test
    void aSwagger2DocumentIsConvertedIntoTheSameModel() throws IOException {
        ApiModel m = model(POSTGREST);
        assertNull(m.problem());
        assertEquals(List.of("GET /api", "GET /api/todos", "POST /api/todos", "PATCH /api/todos",
                "DELETE /api/todos/{id}"), m.names(), "basePath prefixed, one spelling (no trailing slash)");
        assertEquals(List.of("todos"), m.operations().get(1).tags());
        JsonNode doc = m.document();
        assertEquals("3.0.3", doc.path("openapi").asText());
        JsonNode get = doc.at("/paths/~1api~1todos/get");
        assertEquals("#/components/schemas/todos",
                get.at("/responses/200/content/application~1json/schema/items/$ref").asText(), get.toString());
        assertEquals("#/components/parameters/rowFilter.todos.id", get.at("/parameters/0/$ref").asText());
        assertEquals("string", get.at("/parameters/1/schema/type").asText(), "a simple parameter's type is its schema");
        assertEquals("#/components/schemas/todos", doc.at(
                "/paths/~1api~1todos/patch/requestBody/content/application~1json/schema/$ref").asText());
        assertTrue(doc.at("/paths/~1api~1todos/patch/requestBody/required").asBoolean());
        assertEquals(0, doc.at("/paths/~1api~1todos/patch/security").size(), "security kept per operation");
        assertEquals("#/components/schemas/todos", doc.at(
                "/components/parameters/body.todos/schema/$ref").asText());
        assertEquals("integer", doc.at("/paths/~1api~1todos~1{id}/delete/parameters/0/schema/type").asText());
        assertEquals(List.of("open", "done"), List.of(doc.at("/components/schemas/todos/properties/status/enum/0")
                .asText(), doc.at("/components/schemas/todos/properties/status/enum/1").asText()));
        assertEquals("apiKey", doc.at("/components/securitySchemes/JWT/type").asText());
        assertEquals("JWT", doc.at("/security/0").fieldNames().next());
    }

    @Test
    void anOpenApi3DocumentIsReadAsIs() throws IOException {
        ApiModel m = model("""
                openapi: 3.0.3
                paths:
                  /todos/: {get: {tags: [meta]}}
                """);
        assertEquals(List.of("GET /todos"), m.names());
        assertTrue(ApiOperations.same("get /todos/", m.names().get(0)));
        assertTrue(m.readable());
    }

    @Test
    void aDocumentThatCannotBeReadIsAProblemOfTheModel() throws IOException {
        ApiModel m = model("swagger: '1.2'\n");
        assertFalse(m.readable());
        assertTrue(m.problem().contains("Swagger 2.0"), m.problem());
        assertEquals(List.of(), m.operations());
        ApiModel missing = ApiModel.load(dir.resolve("nothing.json").toUri().toString(), null);
        assertTrue(missing.problem().contains("not found"), missing.problem());
        assertEquals(ApiModel.none(), ApiModel.load(null, null));
    }
}
