package dev.gauntlet.contract;

import au.com.dius.pact.core.model.OptionalBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One verified interaction as the coverage and exposure checks see it.
 *
 * @param method   request method from the pact
 * @param path     request path from the pact
 * @param expected the contract's expected response body, or null (none, or not JSON)
 * @param actual   the provider's actual response body, or null (none, or not JSON)
 * @param pending  whether the interaction's pact is pending on the Pact Broker
 */
record Exchange(String method, String path, JsonNode expected, JsonNode actual, boolean pending) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An interaction of a pact that is not pending. */
    Exchange(String method, String path, JsonNode expected, JsonNode actual) {
        this(method, path, expected, actual, false);
    }

    /** The body as JSON, or null when there is none or it is not JSON. */
    static JsonNode json(OptionalBody body) {
        if (body == null || !body.isPresent()) {
            return null;
        }
        try {
            return JSON.readTree(body.getValue());
        } catch (IOException e) {
            return null;
        }
    }
}
