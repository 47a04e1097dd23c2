package dev.gauntlet.history;

import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measurement, not a test: judges the runs kept in a history folder again, each against the runs before it (at most
 * {@code runs}), as the gate would. Prints per run how many regression objectives FAILED, PASSED or were
 * INCONCLUSIVE. With a second folder, judges each of its runs against the last runs of the first (slowed runs
 * against a clean history).
 *
 * <pre>java -cp ... dev.gauntlet.history.RegressionReplay CLEAN_FOLDER [JUDGED_FOLDER] [scored phases, comma-separated]</pre>
 */
public final class RegressionReplay {
    private RegressionReplay() {
    }

    public static void main(String[] args) {
        List<RunRecord> clean = new HistoryStore(Path.of(args[0])).readAll(System.out::println);
        List<String> phases = List.of((args.length > 2 ? args[2] : "baseline,spike,recovery").split(","));
        RegressionSpec spec = RegressionSpec.DEFAULT;
        if (args.length > 1 && !args[1].equals("-")) {
            for (RunRecord r : new HistoryStore(Path.of(args[1])).readAll(System.out::println)) {
                List<RunRecord> before = clean.stream().filter(c -> c.started().isBefore(r.started())).toList();
                report(r, before.subList(Math.max(0, before.size() - spec.runs()), before.size()), spec, phases);
            }
            return;
        }
        int judged = 0;
        int alarmed = 0;
        for (int i = 0; i < clean.size(); i++) {
            List<RunRecord> before = clean.subList(Math.max(0, i - spec.runs()), i);
            int fails = report(clean.get(i), before, spec, phases);
            if (before.size() >= spec.minRuns()) {
                judged++;
                alarmed += fails > 0 ? 1 : 0;
            }
        }
        System.out.println("false alarms: " + alarmed + " of " + judged + " judged clean runs had a regression FAIL");
    }

    private static int report(RunRecord run, List<RunRecord> before, RegressionSpec spec, List<String> phases) {
        Map<Status, Integer> counts = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        for (RunRecord.Cell c : run.cells()) {
            if (!phases.contains(c.phase()) || dev.gauntlet.load.LoadRun.isSetUp(c.operation())) {
                continue;
            }
            ObjectiveResult r = Regression.judge(spec, c.phase() + " " + c.operation(), run.environment(), c,
                    run.calibration(), before);
            counts.merge(r.status(), 1, Integer::sum);
            if (r.status() == Status.FAIL) {
                failed.add(r.name() + ": " + r.detail());
            }
            if (c.operation().equals("GET /products/{sku}") && c.phase().equals("baseline")) {
                System.out.println("  " + run.id() + " baseline GET /products/{sku}: " + r.status() + " " + r.figures());
            }
        }
        System.out.println(run.id() + " vs " + before.size() + " earlier: " + counts);
        failed.forEach(f -> System.out.println("    FAIL " + f));
        return failed.size();
    }
}
