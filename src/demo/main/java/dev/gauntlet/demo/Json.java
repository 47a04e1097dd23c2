package dev.gauntlet.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one ObjectMapper of the demo, and the helpers handlers use to read and write JSON. */
final class Json {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void respond(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(write(body));
    }

    static void respond(Context ctx, Problem problem) {
        problem.headers.forEach(ctx::header);
        ctx.status(problem.status).contentType(PROBLEM_JSON).result(write(problem.body()));
    }

    /** The request body as a JSON object; anything else is a 400 problem. */
    static JsonNode objectBody(Context ctx) {
        JsonNode node;
        try {
            node = MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw Problem.badRequest("Request body must be a JSON object.");
        }
        return node;
    }

    /** An insertion-ordered map from alternating keys and values. */
    static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
