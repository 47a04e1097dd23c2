package dev.gauntlet.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.history.ChangePoint;
import dev.gauntlet.history.HistoryStore;
import dev.gauntlet.history.RunHistory;
import dev.gauntlet.history.RunRecord;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.RecordedLoad;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real gate runs, recorded under {@code src/harness/test/resources/report-fixture/}: each run's report.json, its load
 * folder's timeline, worker result and histograms, and for a run with a history its history records. The report model
 * is read back, its checks and reasons made again from its evidence by today's {@link Verdicts} (the recorded ones
 * keep the wording of the code that wrote them), and its views rendered again by the code under test, so the page's
 * pictures and tables are tested on real figures without a gate run and read as today's product.
 * <ul>
 * <li>{@code history-slowed}: GateIT's spike simulation on the reference system with {@code GET /products/{sku}}
 * slowed down, after three clean runs in the same history folder (its regression objectives FAIL);</li>
 * <li>{@code outage}: OutageIT's run with the Payments dependency and a replica stopped on the load clock (faults,
 * their evidence, WARN).</li>
 * </ul>
 */
record ReportFixture(Report report, LoadResults load, Path runDir) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static ReportFixture historySlowed() throws Exception {
        return of("history-slowed");
    }

    static ReportFixture of(String name) throws Exception {
        Path dir = Path.of("src/harness/test/resources/report-fixture", name).toAbsolutePath();
        JsonNode tree = JSON.readTree(dir.resolve("report.json").toFile());
        List<ChangePoint> points = new ArrayList<>();
        for (JsonNode p : tree.path("history").path("changePoints")) {
            points.add(JSON.treeToValue(p, ChangePoint.class));
        }
        ((ObjectNode) tree).remove("history"); // its records (with histograms) live in the history folder
        Report report = JSON.treeToValue(tree, Report.class);
        LoadResults load = RecordedLoad.read(dir.resolve("load"), report.load().simulation());
        List<RunRecord> runs = java.nio.file.Files.isDirectory(dir.resolve("history"))
                ? new HistoryStore(dir.resolve("history")).readAll(note -> { }) : List.of();
        RunHistory history = runs.isEmpty() ? null : new RunHistory(dir.resolve("history").toString(),
                runs.get(runs.size() - 1).plan(), null, runs.subList(0, runs.size() - 1), runs.get(runs.size() - 1),
                null, List.of(), points);
        List<Report.Operation> operations = report.load().operations().stream().map(o -> new Report.Operation(
                o.operation(), o.requests(), o.sharePercent(), o.interactions(), RequestsTable.rows(load, o.operation())))
                .toList();
        Report.Load l = report.load();
        Report.Load withTable = new Report.Load(l.simulation(), l.requests(), l.phases(), l.refusedConnections(),
                l.gatlingReport(), operations, l.injectors());
        Report r = report;
        Verdicts.Verdict verdict = checks(r, withTable);
        return new ReportFixture(new Report(verdict.status(), verdict.reasons(), r.runId(), r.startedAt(),
                r.finishedAt(), r.durationSeconds(), r.environment(), r.contracts(), withTable, r.objectives(),
                r.faults(), r.aborted(), verdict.checks(), r.security(), r.resources(), history), load, dir);
    }

    /**
     * The checks made again from the recorded evidence, as the gate makes them today ({@link Reports#of}): the
     * recorded {@code checks} and {@code reasons} keep the wording of the code that wrote them, the page must show
     * today's.
     */
    private static Verdicts.Verdict checks(Report r, Report.Load load) {
        return Verdicts.withMachine(Verdicts.withServices(Verdicts.of(r.contracts(), load, r.objectives(), r.faults(),
                r.aborted(), r.security()), r.environment().services()),
                r.resources() == null ? null : r.resources().machine());
    }

    String html() {
        return Html.render(report, load, runDir);
    }
}
