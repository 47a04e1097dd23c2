package dev.gauntlet.config;

import dev.gauntlet.contract.AllowedExposure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the coverage and exposure fields of {@code contracts:} ({@code openapi}, {@code coverageIgnore}, {@code allowExposure}). */
final class ContractsFields {
    private static final Pattern OPERATION = Pattern.compile("(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) /\\S*");

    private ContractsFields() {
    }

    /**
     * A path on the provider ({@code /openapi.json}), or an existing file resolved against {@code base} (the folder
     * relative paths of the environment file are relative to) as a {@code file:} URI, which a provider path cannot
     * be mistaken for; null when absent.
     */
    static String openapi(Node contracts, Path base) {
        if (!contracts.has("openapi")) {
            return null;
        }
        String where = contracts.text("openapi").trim();
        if (where.isEmpty()) {
            throw contracts.error("openapi: expected a path on the provider such as /openapi.json, or a file");
        }
        if (where.startsWith("/")) {
            return where;
        }
        Path file = base.resolve(where);
        if (!Files.isRegularFile(file)) {
            throw contracts.error("openapi: expected a path on the provider starting with '/' (such as /openapi.json)"
                    + " or an existing file, got '" + where + "' (no such file)");
        }
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    static List<String> coverageIgnore(Node contracts) {
        List<String> out = new ArrayList<>();
        for (Node n : contracts.list("coverageIgnore")) {
            out.add(operation(n, n.text()));
        }
        return out;
    }

    static List<AllowedExposure> allowExposure(Node contracts) {
        List<AllowedExposure> out = new ArrayList<>();
        for (Node n : contracts.list("allowExposure")) {
            n.only(Set.of("operation", "field", "reason"));
            String raw = n.text("operation");
            if (!raw.trim().equals("*") && !OPERATION.matcher(raw.trim()).matches()) {
                throw n.error("expected an operation 'METHOD /path' such as 'GET /orders/{id}', or '*' for any "
                        + "operation, got '" + raw + "'");
            }
            String operation = raw.trim();
            String field = n.text("field").trim();
            if (field.isEmpty() || field.startsWith("$") || field.contains("[*]")) {
                throw n.error("field: expected a field path with arrays as [] such as items[].name, got '" + field + "'");
            }
            String reason = n.text("reason").trim();
            if (reason.isEmpty()) {
                throw n.error("reason: expected why exposing " + field + " is fine, got nothing");
            }
            out.add(new AllowedExposure(operation, field, reason));
        }
        return out;
    }

    static String operation(Node at, String raw) {
        String op = raw.trim();
        if (!OPERATION.matcher(op).matches()) {
            throw at.error("expected an operation 'METHOD /path' such as 'GET /orders/{id}', got '" + raw + "'");
        }
        return op;
    }
}
