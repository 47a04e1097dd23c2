package dev.gauntlet.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Everything the load stage measured: the phases as they ran and one latency histogram per (operation, phase,
 * outcome), merged over the whole run.
 *
 * @param simulation         simulation class
 * @param timeline           phase windows on the wall clock
 * @param operations         operations the simulation declared
 * @param cells              recorded histograms (values in microseconds); only non-empty cells
 * @param refusedConnections hosts other than loopback that something in the worker tried to reach
 * @param gatlingReport      Gatling's own HTML report folder, or null
 * @param intervals          the per-second records, for charts
 * @param visits             visits (arrivals) the generator started, per phase name
 * @param brokenContracts    2xx answers that broke a contract (conformance check), by {@code operation|phase}:
 *                           errors for the error budget although their status was fine
 * @param injectors          with {@code load.injectors} above one: what each injector offered and achieved (the
 *                           other fields hold their merged records); empty for a lone load worker
 */
public record LoadResults(String simulation, Timeline timeline, List<String> operations, List<Cell> cells,
                          List<String> refusedConnections, Path gatlingReport, List<Interval> intervals,
                          Map<String, Long> visits, Map<String, Long> brokenContracts, List<InjectorRun> injectors) {
    public LoadResults {
        injectors = List.copyOf(injectors);
        brokenContracts = Map.copyOf(brokenContracts);
        visits = Map.copyOf(visits);
        operations = List.copyOf(operations);
        cells = List.copyOf(cells);
        refusedConnections = List.copyOf(refusedConnections);
        intervals = List.copyOf(intervals);
    }

    /** Without conformance results. */
    public LoadResults(String simulation, Timeline timeline, List<String> operations, List<Cell> cells,
                       List<String> refusedConnections, Path gatlingReport, List<Interval> intervals,
                       Map<String, Long> visits) {
        this(simulation, timeline, operations, cells, refusedConnections, gatlingReport, intervals, visits, Map.of());
    }

    /** Of one load worker. */
    public LoadResults(String simulation, Timeline timeline, List<String> operations, List<Cell> cells,
                       List<String> refusedConnections, Path gatlingReport, List<Interval> intervals,
                       Map<String, Long> visits, Map<String, Long> brokenContracts) {
        this(simulation, timeline, operations, cells, refusedConnections, gatlingReport, intervals, visits,
                brokenContracts, List.of());
    }

    /** These (merged) results with what each injector did. */
    public LoadResults withInjectors(List<InjectorRun> runs) {
        return new LoadResults(simulation, timeline, operations, cells, refusedConnections, gatlingReport, intervals,
                visits, brokenContracts, runs);
    }

    /** These results with the conformance check's broken 2xx answers ({@code operation|phase} → count). */
    public LoadResults withBrokenContracts(Map<String, Long> broken) {
        return new LoadResults(simulation, timeline, operations, cells, refusedConnections, gatlingReport, intervals,
                visits, broken, injectors);
    }

    /** 2xx answers that broke a contract, in the (operation, phase) pairs {@code which} accepts. */
    public long brokenContracts(Predicate<Cell> which) {
        Histogram none = new Histogram(1, LoadRecorder.MAX_MICROS, LoadRecorder.SIGNIFICANT_DIGITS);
        return brokenContracts.entrySet().stream().filter(e -> {
            int bar = e.getKey().lastIndexOf('|');
            return which.test(new Cell(e.getKey().substring(0, bar), e.getKey().substring(bar + 1), Outcome.OK, none));
        }).mapToLong(Map.Entry::getValue).sum();
    }

    /** One cell's merged histogram. The histogram is not copied: do not change it. */
    public record Cell(String operation, String phase, Outcome outcome, Histogram histogram) {
        public long count() {
            return histogram.getTotalCount();
        }
    }

    /** One flushed interval of one cell: when, which cell, how many, and its histogram. */
    public record Interval(long startEpochMillis, String operation, String phase, Outcome outcome, Histogram histogram) {
    }

    /** Histogram of all cells matching {@code which}, merged into a new one. */
    public Histogram merged(Predicate<Cell> which) {
        Histogram h = new Histogram(1, LoadRecorder.MAX_MICROS, LoadRecorder.SIGNIFICANT_DIGITS);
        cells.stream().filter(which).forEach(c -> h.add(c.histogram()));
        return h;
    }

    /** Number of requests in cells matching {@code which}. */
    public long count(Predicate<Cell> which) {
        return cells.stream().filter(which).mapToLong(Cell::count).sum();
    }

    /** Requests per second recorded in a phase (every outcome). */
    public double requestRps(Timeline.Window w) {
        return perSecond(w, count(c -> c.phase().equals(w.name())));
    }

    /** Visits per second the generator really started in a phase: compare with {@link Timeline.Window#offeredRps()}. */
    public double injectedRps(Timeline.Window w) {
        return perSecond(w, visits.getOrDefault(w.name(), 0L));
    }

    /** Requests per visit in a phase (1 when the phase had no visits). */
    public double requestsPerVisit(Timeline.Window w) {
        long v = visits.getOrDefault(w.name(), 0L);
        return v == 0 ? 1 : count(c -> c.phase().equals(w.name())) / (double) v;
    }

    private static double perSecond(Timeline.Window w, long n) {
        double seconds = (w.end() - w.start()) / 1000.0;
        return seconds <= 0 ? 0 : n / seconds;
    }
}
