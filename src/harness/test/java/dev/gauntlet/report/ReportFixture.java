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
 * A real gate run, recorded: GateIT's "history-slowed" run (a spike simulation on the reference system with
 * {@code GET /products/{sku}} slowed down, after three clean runs in the same history folder), kept under
 * {@code src/harness/test/resources/report-fixture/}: its report.json, its load folder's timeline, worker result and
 * histograms, and the four history records. The report model is read back and its views rendered again by the code
 * under test, so the page's pictures and tables are tested on real figures without a gate run.
 */
record ReportFixture(Report report, LoadResults load, Path runDir) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static ReportFixture historySlowed() throws Exception {
        Path dir = Path.of("src/harness/test/resources/report-fixture/history-slowed").toAbsolutePath();
        JsonNode tree = JSON.readTree(dir.resolve("report.json").toFile());
        List<ChangePoint> points = new ArrayList<>();
        for (JsonNode p : tree.path("history").path("changePoints")) {
            points.add(JSON.treeToValue(p, ChangePoint.class));
        }
        ((ObjectNode) tree).remove("history"); // its records (with histograms) live in the history folder
        Report report = JSON.treeToValue(tree, Report.class);
        LoadResults load = RecordedLoad.read(dir.resolve("load"), report.load().simulation());
        List<RunRecord> runs = new HistoryStore(dir.resolve("history")).readAll(note -> { });
        RunHistory history = new RunHistory(dir.resolve("history").toString(), runs.get(runs.size() - 1).plan(), null,
                runs.subList(0, runs.size() - 1), runs.get(runs.size() - 1), null, List.of(), points);
        List<Report.Operation> operations = report.load().operations().stream().map(o -> new Report.Operation(
                o.operation(), o.requests(), o.sharePercent(), o.interactions(), RequestsTable.rows(load, o.operation())))
                .toList();
        Report.Load l = report.load();
        Report.Load withTable = new Report.Load(l.simulation(), l.requests(), l.phases(), l.refusedConnections(),
                l.gatlingReport(), operations, l.injectors());
        Report r = report;
        return new ReportFixture(new Report(r.verdict(), r.reasons(), r.runId(), r.startedAt(), r.finishedAt(),
                r.durationSeconds(), r.environment(), r.contracts(), withTable, r.objectives(), r.faults(), r.aborted(),
                r.checks(), r.security(), r.resources(), history), load, dir);
    }

    String html() {
        return Html.render(report, load, runDir);
    }
}
