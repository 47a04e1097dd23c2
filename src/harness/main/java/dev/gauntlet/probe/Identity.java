package dev.gauntlet.probe;

import java.util.Map;
import java.util.Objects;

/**
 * Someone the API knows, and how they authenticate: the headers their requests carry
 * ({@code identities: [{name: bob, headers: {Authorization: "Bearer key-bob"}}]} in the environment file).
 *
 * @param name    who it is; a provider state that names it ({@code customer bob has an order}) makes it the owner
 * @param headers credential headers, name to value; their names are the credential headers the probes vary
 */
public record Identity(String name, Map<String, String> headers) {
    public Identity {
        Objects.requireNonNull(name, "name");
        headers = Map.copyOf(headers);
    }
}
