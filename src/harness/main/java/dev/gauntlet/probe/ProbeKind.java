package dev.gauntlet.probe;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of security probe, each switchable in {@code security:} of the environment file. */
public enum ProbeKind {
    /** No credentials, and unknown credentials, must be refused (401/403) without the resource's data. */
    AUTHENTICATION("authentication", "authentication"),
    /** A second identity must get 403/404 on someone else's resource, and the resource must stay unchanged. */
    BOLA("bola", "object-level authorization"),
    /** Broken request bodies must get a 4xx, never a 5xx, and no internals. */
    VALIDATION("validation", "input validation"),
    /** Undeclared properties in a request body must not change what is stored. */
    MASS_ASSIGNMENT("massAssignment", "mass assignment"),
    /** A list read must not carry resources another identity's provider state made (OWASP API1 on collections). */
    LIST_AUTHORIZATION("listAuthorization", "object-level authorization on collections"),
    /** Tampered, forged ({@code alg: none}) and expired bearer tokens must be refused (OWASP API2). */
    TOKENS("tokens", "forged and expired tokens"),
    /** An operation whose security requirement names scopes must be refused to identities without them (API5). */
    FUNCTION_AUTHORIZATION("functionAuthorization", "function-level authorization"),
    /** Undeclared nested properties ({@code address.verified}, {@code items[].price}) must not be stored (API3). */
    NESTED_MASS_ASSIGNMENT("nestedMassAssignment", "nested mass assignment"),
    /** Injection-shaped values and path traversal in path and query parameters: no 5xx, no internals (API8/API10). */
    PARAMETER_INJECTION("parameterInjection", "injection in path and query"),
    /** CORS reflecting any Origin with credentials, versions in Server headers, TRACE answered (OWASP API8). */
    MISCONFIGURATION("misconfiguration", "misconfiguration"),
    /** Undocumented methods on documented paths and undocumented debug/admin paths must not answer 2xx (API9). */
    INVENTORY("inventory", "improper inventory"),
    /** Page sizes, array lengths and nesting far beyond what is documented must be refused or capped (API4). */
    RESOURCE_LIMITS("resourceLimits", "unrestricted resource consumption");

    private final String field;
    private final String title;

    ProbeKind(String field, String title) {
        this.field = field;
        this.title = title;
    }

    /** The switch's name in {@code security:} ({@code bola: false}); how report.json names the kind. */
    @JsonValue
    public String field() {
        return field;
    }

    /** How reports name it ({@code object-level authorization}). */
    public String title() {
        return title;
    }
}
