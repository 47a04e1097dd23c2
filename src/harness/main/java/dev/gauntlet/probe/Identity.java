package dev.gauntlet.probe;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Someone the API knows, and how they authenticate: the headers their requests carry
 * ({@code identities: [{name: bob, headers: {Authorization: "Bearer key-bob"}, roles: [customer]}]} in the
 * environment file).
 *
 * @param name    who it is; a provider state that names it ({@code customer bob has an order}) makes it the owner
 * @param headers credential headers, name to value; their names are the credential headers the probes vary
 * @param roles   the roles (OAuth scopes) this identity holds, compared with the scopes of the OpenAPI document's
 *                security requirements by the function-level authorization probes; empty when not declared
 */
public record Identity(String name, Map<String, String> headers, List<String> roles) {
    public Identity {
        Objects.requireNonNull(name, "name");
        headers = Map.copyOf(headers);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** An identity without declared roles. */
    public Identity(String name, Map<String, String> headers) {
        this(name, headers, List.of());
    }
}
