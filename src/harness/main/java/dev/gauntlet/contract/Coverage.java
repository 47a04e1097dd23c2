package dev.gauntlet.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * Which operations of the provider's OpenAPI document the contracts exercise. Operations tagged {@code meta} and
 * those in {@code contracts.coverageIgnore} are not counted.
 *
 * @param operations operations counted
 * @param covered    operations at least one verified interaction exercises
 * @param uncovered  the others, by name ({@code GET /orders/{id}/invoice})
 * @param table      one row per counted operation, in document order
 */
public record Coverage(int operations, int covered, List<String> uncovered, List<Row> table) {
    public Coverage {
        uncovered = List.copyOf(uncovered);
        table = List.copyOf(table);
    }

    /**
     * @param operation    {@code METHOD /path/template}
     * @param interactions verified interactions (all consumers) that exercise it
     * @param load         whether the load exercised it; null when not known (no load ran)
     */
    public record Row(String operation, int interactions, Boolean load) {
    }

    /**
     * This coverage with the {@code load} column filled in.
     *
     * @param loadOperations the load's operation names ({@code GET /orders/{id}}, as
     *                       {@code LoadResults.operations()} lists them); a concrete path ({@code GET /orders/ord-1})
     *                       also counts for its template
     * @return a new coverage; this one is unchanged
     */
    public Coverage withLoad(List<String> loadOperations) {
        List<Row> rows = new ArrayList<>();
        for (Row r : table) {
            boolean loaded = loadOperations.stream().anyMatch(l -> PathTemplates.sameOperation(r.operation(), l));
            rows.add(new Row(r.operation(), r.interactions(), loaded));
        }
        return new Coverage(operations, covered, uncovered, rows);
    }

    /**
     * The operation of the document a request belongs to ({@code GET /orders/{id}} for {@code GET /orders/ord-1}; the
     * template with the fewest parameters when several match), or {@code METHOD path} as sent when none does.
     */
    public String operation(String method, String path) {
        String sent = PathTemplates.name(method, path.split("\\?", 2)[0]);
        return table.stream().map(Row::operation).filter(op -> PathTemplates.sameOperation(op, sent))
                .min(java.util.Comparator.comparingInt(PathTemplates::parameters)).orElse(sent);
    }

    /**
     * Counts, per operation, the interactions whose request it matches (each request counts for its best match).
     *
     * @param document  operations of the OpenAPI document
     * @param ignore    operation names not to count ({@code contracts.coverageIgnore})
     * @param exchanges the verified interactions
     */
    static Coverage of(List<ApiOperation> document, List<String> ignore, List<Exchange> exchanges) {
        List<Row> rows = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        for (ApiOperation op : document) {
            if (op.tags().contains("meta")
                    || ignore.stream().anyMatch(i -> PathTemplates.key(i).equals(PathTemplates.key(op.name())))) {
                continue;
            }
            int n = (int) exchanges.stream()
                    .filter(e -> ApiOperation.of(document, e.method(), e.path()).orElse(null) == op).count();
            rows.add(new Row(op.name(), n, null));
            if (n == 0) {
                uncovered.add(op.name());
            }
        }
        return new Coverage(rows.size(), rows.size() - uncovered.size(), uncovered, rows);
    }
}
