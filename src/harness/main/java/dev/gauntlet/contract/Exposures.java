package dev.gauntlet.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The excessive-data-exposure check: per operation, the field paths of the provider's actual response bodies that
 * no interaction (of any consumer, any status) of that operation mentions in its expected body.
 */
final class Exposures {
    private Exposures() {
    }

    /**
     * @param findings fields no contract mentions and the environment does not allow, per operation
     * @param allowed  fields no contract mentions that {@code contracts.allowExposure} allows (with its reason)
     */
    record Result(List<Exposure> findings, List<AllowedExposure> allowed) {
        Result {
            findings = List.copyOf(findings);
            allowed = List.copyOf(allowed);
        }
    }

    /**
     * @param document  operations of the OpenAPI document (may be empty: requests are then grouped by their path)
     * @param exchanges verified interactions with expected and actual bodies
     * @param allow     {@code contracts.allowExposure}
     */
    static Result of(List<ApiOperation> document, List<Exchange> exchanges, List<AllowedExposure> allow) {
        Map<String, Set<String>> mentioned = new TreeMap<>();
        Map<String, Set<String>> actual = new TreeMap<>();
        Set<String> firm = new TreeSet<>(); // operations some interaction of a pact that is not pending exercises
        for (Exchange e : exchanges) {
            String op = ApiOperation.of(document, e.method(), e.path()).map(ApiOperation::name)
                    .orElse(PathTemplates.name(e.method(), e.path()));
            mentioned.computeIfAbsent(op, k -> new TreeSet<>()).addAll(FieldPaths.of(e.expected()));
            actual.computeIfAbsent(op, k -> new TreeSet<>()).addAll(FieldPaths.of(e.actual()));
            if (!e.pending()) {
                firm.add(op);
            }
        }
        List<Exposure> findings = new ArrayList<>();
        List<AllowedExposure> allowed = new ArrayList<>();
        actual.forEach((op, fields) -> {
            List<String> exposed = new ArrayList<>();
            for (String field : FieldPaths.unmentioned(fields, mentioned.get(op))) {
                Optional<AllowedExposure> a = allow.stream().filter(x -> x.allows(op, field)).findFirst();
                if (a.isPresent()) {
                    allowed.add(new AllowedExposure(op, field, a.get().reason()));
                } else {
                    exposed.add(field);
                }
            }
            if (!exposed.isEmpty()) {
                findings.add(new Exposure(op, exposed, !firm.contains(op)));
            }
        });
        return new Result(findings, allowed);
    }
}
