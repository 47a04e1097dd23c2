package dev.gauntlet.history;

import dev.gauntlet.load.LoadPlan;
import dev.gauntlet.load.LoadRecorder;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.LoadRun;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.load.Phase;
import dev.gauntlet.load.Timeline;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The history's part in one gate run: calibrate at start, read the earlier comparable runs, score the regression
 * objectives, append this run's record at the end. Never fails the gate: what cannot be read or written is a note.
 */
public final class HistoryRun {
    private final HistorySpec spec;
    private final String environment;
    private final String plan;
    private Calibration calibration;
    private final HistoryStore store;
    private final List<String> notes = new ArrayList<>();
    private final Consumer<String> console;
    private List<RunRecord> earlier;

    private HistoryRun(HistorySpec spec, String environment, String plan, Calibration calibration,
                       Consumer<String> console) {
        this.spec = spec;
        this.environment = environment;
        this.plan = plan;
        this.calibration = calibration;
        this.store = new HistoryStore(spec.folder());
        this.console = console;
    }

    /**
     * Calibrates this machine (before any service starts). Returns null when {@code spec} is null (no history).
     *
     * @param loadPlan the load plan's phases as preflight found them, or null
     */
    public static HistoryRun start(HistorySpec spec, String environment, LoadSpec load, LoadPlan loadPlan,
                                   Consumer<String> console) {
        if (spec == null) {
            return null;
        }
        Calibration calibration = null;
        String note = null;
        try {
            calibration = Calibrator.measure();
            console.accept(String.format(java.util.Locale.ROOT, "[gate] calibration: loopback round trip %.0f µs, "
                    + "CPU task %.1f ms", calibration.loopbackMicros(), calibration.cpuMillis()));
        } catch (Exception e) {
            note = "history: calibration failed (" + e.getMessage() + "); a slow machine cannot be told from a slow API";
        }
        HistoryRun run = new HistoryRun(spec, environment, fingerprint(load, loadPlan), calibration, console);
        if (note != null) {
            run.note(note);
        }
        return run;
    }

    /** The fingerprint of a load plan: simulation or traffic, phases with rates and durations, mix and settings. */
    public static String fingerprint(LoadSpec load, LoadPlan loadPlan) {
        StringBuilder s = new StringBuilder("simulation=").append(load.describe()).append('\n');
        List<Phase> phases = loadPlan != null ? loadPlan.phases() : load.plan() != null ? load.plan().phases() : List.of();
        for (Phase p : phases) {
            s.append("phase=").append(p.name()).append(',').append(p.scored()).append(',').append(p.fromRps())
                    .append(',').append(p.toRps()).append(',').append(p.duration().toMillis()).append('\n');
        }
        new TreeMap<>(load.mix()).forEach((k, v) -> s.append("mix.").append(k).append('=').append(v).append('\n'));
        new TreeMap<>(load.settings()).forEach((k, v) -> s.append("setting.").append(k).append('=').append(v).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void note(String note) {
        notes.add(note);
        console.accept("[gate] note: " + note);
    }

    /** The most earlier runs read: the history page draws them and change points are found over them. */
    static final int MAX_EARLIER = 99;

    /**
     * The earlier comparable runs, read once (oldest first): up to {@value #MAX_EARLIER}, more when a pending
     * objective needs more to count its passes. Regression objectives compare with the last
     * {@code regression.runs} of them.
     */
    public List<RunRecord> earlier() {
        if (earlier == null) {
            earlier = store.comparable(environment, plan, Math.max(MAX_EARLIER, Math.max(spec.regression().runs(),
                    pendingRuns)), this::note);
        }
        return earlier;
    }

    /** How many earlier runs the pending objectives need to count their passes. */
    private int pendingRuns;

    /** Reads at least {@code runs} earlier runs (pending objectives count their passes in them). */
    public HistoryRun countingPasses(int runs) {
        pendingRuns = Math.max(pendingRuns, runs);
        return this;
    }

    /** One regression result per operation (set-ups aside) and scored phase; none when regression is off. */
    public List<ObjectiveResult> score(LoadResults load) {
        if (!spec.regression().enabled() || load == null) {
            return List.of();
        }
        List<RunRecord> all = earlier();
        List<RunRecord> before = all.subList(Math.max(0, all.size() - spec.regression().runs()), all.size());
        recalibrate();
        List<ObjectiveResult> out = new ArrayList<>();
        String p = "p" + Regression.fmt(spec.regression().percentile());
        for (RunRecord.Cell cell : cells(load)) {
            if (LoadRun.isSetUp(cell.operation()) || !scored(load, cell.phase())) {
                continue;
            }
            String name = cell.phase() + " " + cell.operation() + " " + p + " regression";
            out.add(Regression.judge(spec.regression(), name, environment, cell, calibration, before));
        }
        return out;
    }

    /**
     * Measures again after the load and keeps the slower figure of each: the machine can get busy during a run (other
     * jobs on a shared CI agent), and a run that was slow for that reason must not be blamed on the code.
     */
    private void recalibrate() {
        if (calibration == null) {
            return;
        }
        try {
            Calibration after = Calibrator.measure();
            console.accept(String.format(java.util.Locale.ROOT, "[gate] calibration after the load: loopback round trip "
                    + "%.0f µs, CPU task %.1f ms", after.loopbackMicros(), after.cpuMillis()));
            calibration = new Calibration(Math.max(calibration.loopbackMicros(), after.loopbackMicros()),
                    Math.max(calibration.cpuMillis(), after.cpuMillis()));
        } catch (Exception e) {
            note("history: calibration after the load failed (" + e.getMessage() + "); the one at start is kept");
        }
    }

    private static boolean scored(LoadResults load, String phase) {
        return load.timeline().windows().stream().anyMatch(w -> w.scored() && w.name().equals(phase));
    }

    /** The history for the report before this run is written (also when no load ran). */
    public RunHistory view() {
        return new RunHistory(spec.folder().toString(), plan, calibration, earlier(), null, null, notes);
    }

    /**
     * Appends this run's record when load results exist; returns the history for the report with it. Never throws.
     */
    public RunHistory keep(String runId, Instant started, Status verdict, List<ObjectiveResult> objectives,
                           LoadResults load) {
        RunHistory view = view();
        if (load == null) {
            return view;
        }
        try {
            List<RunRecord.Result> results = objectives.stream().map(o -> new RunRecord.Result(o.name(), o.kind(),
                    o.phase(), o.operation(), o.status(), o.measured(), o.unit())).toList();
            RunRecord run = new RunRecord(runId, started, environment, plan, calibration, verdict, cells(load), results);
            Path file = store.append(run);
            console.accept("[gate] history: run kept in " + file + " (" + java.nio.file.Files.size(file) + " bytes)");
            return view.withCurrent(run, file.toString(), List.of())
                    .withChangePoints(ChangePoints.find(HistorySeries.of(earlier(), run, phase -> scored(load, phase))));
        } catch (Exception e) {
            String note = "history: could not keep this run in " + spec.folder() + " (" + e + ")";
            console.accept("[gate] note: " + note);
            return view.withCurrent(null, null, List.of(note));
        }
    }

    /** Per (operation, phase): answered latency (429s and errors left out) and counts, in the load's order. */
    static List<RunRecord.Cell> cells(LoadResults load) {
        Map<String, Acc> byCell = new LinkedHashMap<>();
        List<String> phases = load.timeline().windows().stream().map(Timeline.Window::name).toList();
        for (String op : load.operations()) {
            for (String phase : phases) {
                byCell.put(op + "\n" + phase, new Acc(op, phase));
            }
        }
        for (LoadResults.Cell c : load.cells()) {
            Acc a = byCell.computeIfAbsent(c.operation() + "\n" + c.phase(), k -> new Acc(c.operation(), c.phase()));
            long count = c.count();
            a.requests += count;
            if (c.outcome().isError()) {
                a.errors += count;
            } else if (c.outcome().isRateLimited()) {
                a.rateLimited += count;
            } else {
                a.latency.add(c.histogram());
            }
        }
        return byCell.values().stream().filter(a -> a.requests > 0)
                .map(a -> new RunRecord.Cell(a.operation, a.phase, a.latency, a.requests, a.errors, a.rateLimited))
                .toList();
    }

    private static final class Acc {
        final String operation;
        final String phase;
        final Histogram latency = new Histogram(1, LoadRecorder.MAX_MICROS, 2); // as the recorder
        long requests;
        long errors;
        long rateLimited;

        Acc(String operation, String phase) {
            this.operation = operation;
            this.phase = phase;
        }
    }
}
