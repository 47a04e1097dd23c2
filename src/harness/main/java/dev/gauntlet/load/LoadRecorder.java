package dev.gauntlet.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * Records every request into HdrHistogram {@link Recorder}s, one per (operation, phase, outcome), and writes their
 * interval histograms once a second to an HdrHistogram log ({@code histograms.hlog}) whose tags name the cell, so
 * logs of several load generators merge by tag.
 *
 * <p>The hot path ({@link #record}) is wait-free and allocates nothing once a cell exists: a phase look-up over a
 * handful of windows, an array read and {@code Recorder.recordValue}. Readers never block writers.
 */
public final class LoadRecorder implements AutoCloseable {
    /** Latencies are recorded in microseconds, clamped to two minutes. */
    public static final long MAX_MICROS = 120_000_000L;
    static final int SIGNIFICANT_DIGITS = 2;
    /**
     * Gatling times answers in whole milliseconds (an unanswered request is timed by the wall clock, also in whole
     * milliseconds): every recorded latency is a multiple of this many microseconds, the grid percentile bounds are
     * read on ({@code dev.gauntlet.slo.PercentileInterval}).
     */
    public static final long TIMING_GRID_MICROS = 1000;
    /** Comment line of the log holding the visits per phase so far, comma-separated in timeline order. */
    static final String VISITS = "visits ";
    private static final int MAX_OPERATIONS = 64;
    private static final int OUTCOMES = Outcome.values().length;

    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final Path log;
    private final PrintStream progressOut;
    private final LongSupplier clock;
    private volatile Cells cells;
    private volatile Watch watch;
    private ScheduledExecutorService flusher;
    private HistogramLogWriter writer;
    private final Progress progress = new Progress();

    /**
     * @param log         where interval histograms go
     * @param progressOut where a progress line goes every few seconds
     * @param clock       epoch millis
     */
    public LoadRecorder(Path log, PrintStream progressOut, LongSupplier clock) {
        this.log = log;
        this.progressOut = progressOut;
        this.clock = clock;
    }

    /** Registers an operation ({@code GET /orders/{id}}) and returns the index {@link #record} takes. */
    public synchronized int operation(String name) {
        int i = operations.indexOf(name);
        if (i >= 0) {
            return i;
        }
        if (operations.size() == MAX_OPERATIONS) {
            throw new IllegalStateException("more than " + MAX_OPERATIONS + " operations in one simulation");
        }
        operations.add(name);
        return operations.size() - 1;
    }

    public List<String> operations() {
        return List.copyOf(operations);
    }

    /** Starts recording against {@code timeline} and flushing interval histograms every second. */
    public synchronized void start(Timeline timeline) {
        if (cells != null) {
            throw new IllegalStateException("recorder already started");
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            writer = new HistogramLogWriter(log.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + log, e);
        }
        writer.outputComment("gauntlet load records: tag = operation|phase|outcome, values in microseconds");
        writer.outputLogFormatVersion();
        writer.outputStartTime(timeline.startEpochMillis());
        writer.setBaseTime(0);
        writer.outputBaseTime(0);
        writer.outputLegend();
        cells = new Cells(timeline);
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gauntlet-recorder-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleAtFixedRate(this::flush, FIRST_FLUSH_MILLIS, 1000, TimeUnit.MILLISECONDS);
    }

    /**
     * The first flush comes a little before a whole second after the start: Gatling's injector takes each next
     * second's arrivals on a one-second tick from the first arrival (the recorder's start), so a phase the
     * {@link Watch} lets end at a flush ends at the tick right after it, not a second later.
     */
    static final long FIRST_FLUSH_MILLIS = 850;

    /**
     * Who looks at the answers as they come, to end a ranged phase when its answer is known ({@link PhaseDecider}).
     * Called on the request's thread ({@link #answer}) and on the flush thread (the rest).
     */
    interface Watch {
        /** One answer (or failure) of a request started in {@code phase}. */
        void answer(int phase, long startEpochMillis, long micros);

        /** One cell's histogram of the second just flushed. */
        void interval(int operation, int phase, Outcome outcome, Histogram h);

        /** Every cell of the second has been handed over. */
        void flushed(long now);
    }

    /** Has {@code w} watch the answers from now on. */
    void watch(Watch w) {
        this.watch = w;
    }

    /**
     * Attributes requests by {@code timeline} from now on: a ranged phase has ended, and the ones after it moved
     * ({@link PhaseClock}). The phases are the same, in the same order. Ignored before {@link #start}.
     */
    public void retime(Timeline timeline) {
        Cells c = cells;
        if (c != null) {
            c.timeline = timeline;
        }
    }

    /**
     * Records one request. Cheap and thread-safe; ignored before {@link #start}.
     *
     * @param operation        index from {@link #operation}
     * @param startEpochMillis when the request was sent (decides the phase)
     * @param outcome          what the answer was
     * @param latencyMicros    time to the answer (or to the failure)
     */
    public void record(int operation, long startEpochMillis, Outcome outcome, long latencyMicros) {
        Cells c = cells;
        if (c == null) {
            return;
        }
        int phase = c.timeline.indexAt(startEpochMillis);
        long micros = Math.max(0, Math.min(latencyMicros, MAX_MICROS));
        c.recorder(operation, phase, outcome.ordinal()).recordValue(micros);
        Watch w = watch;
        if (w != null) {
            w.answer(phase, startEpochMillis, micros);
        }
    }

    /**
     * Counts one visit (one virtual user's whole scenario) by the phase it started in: the arrivals the generator
     * really produced, to hold against the arrivals the plan offered.
     */
    public void visit(long startEpochMillis) {
        Cells c = cells;
        if (c != null) {
            c.visits[c.timeline.indexAt(startEpochMillis)].increment();
        }
    }

    /** Visits per phase so far, in timeline order (empty before {@link #start}). */
    public long[] visits() {
        Cells c = cells;
        if (c == null) {
            return new long[0];
        }
        long[] out = new long[c.visits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.visits[i].sum();
        }
        return out;
    }

    private synchronized void flush() {
        Cells c = cells;
        if (c == null || writer == null) {
            return;
        }
        long intervalCount = 0;
        long intervalErrors = 0;
        Histogram merged = progress.interval;
        merged.reset();
        for (int i = 0; i < c.size; i++) {
            Recorder r = c.recorders.get(i);
            if (r == null) {
                continue;
            }
            Histogram h = r.getIntervalHistogram(c.recycled[i]);
            c.recycled[i] = h;
            if (h.getTotalCount() == 0) {
                continue;
            }
            h.setTag(c.tag(i, operations));
            writer.outputIntervalHistogram(h);
            if (watch != null) {
                watch.interval(i / OUTCOMES / c.phases, (i / OUTCOMES) % c.phases, Outcome.at(i % OUTCOMES), h);
            }
            intervalCount += h.getTotalCount();
            if (Outcome.at(i % OUTCOMES).isError()) {
                intervalErrors += h.getTotalCount();
            }
            merged.add(h);
        }
        // visits so far, so that a worker killed mid-run still tells how many arrivals it started per phase
        writer.outputComment(VISITS + java.util.Arrays.toString(visits()).replaceAll("[\\[\\] ]", ""));
        progress.accumulate(intervalCount, intervalErrors, clock.getAsLong(), c.timeline, progressOut);
        if (watch != null) {
            watch.flushed(clock.getAsLong());
        }
    }

    /** Stops the flusher and writes the last interval. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (flusher != null) {
            flusher.shutdownNow();
            flusher = null;
        }
        if (writer != null) {
            flush();
            writer.close();
            writer = null;
        }
    }

    /** Tag of a cell: URL-encoded operation, phase and outcome joined by '|' (tags may not hold spaces or commas). */
    static String tag(String operation, String phase, Outcome outcome) {
        return URLEncoder.encode(operation, StandardCharsets.UTF_8) + "|" + phase + "|" + outcome;
    }

    /** Recorders laid out as [operation][phase][outcome] in one array, created on first use. */
    private static final class Cells {
        volatile Timeline timeline;
        final int phases;
        final int size;
        final AtomicReferenceArray<Recorder> recorders;
        final Histogram[] recycled;
        final java.util.concurrent.atomic.LongAdder[] visits;

        Cells(Timeline timeline) {
            this.timeline = timeline;
            this.phases = timeline.windows().size();
            this.size = MAX_OPERATIONS * phases * OUTCOMES;
            this.recorders = new AtomicReferenceArray<>(size);
            this.recycled = new Histogram[size];
            this.visits = new java.util.concurrent.atomic.LongAdder[phases];
            for (int i = 0; i < phases; i++) {
                visits[i] = new java.util.concurrent.atomic.LongAdder();
            }
        }

        Recorder recorder(int operation, int phase, int outcome) {
            int i = (operation * phases + phase) * OUTCOMES + outcome;
            Recorder r = recorders.get(i);
            if (r == null) {
                recorders.compareAndSet(i, null, new Recorder(1, MAX_MICROS, SIGNIFICANT_DIGITS));
                r = recorders.get(i);
            }
            return r;
        }

        String tag(int i, List<String> operations) {
            int outcome = i % OUTCOMES;
            int phase = (i / OUTCOMES) % phases;
            int operation = i / OUTCOMES / phases;
            return LoadRecorder.tag(operations.get(operation), timeline.windows().get(phase).name(), Outcome.at(outcome));
        }
    }

    /** A progress line every five seconds: phase, elapsed/total, req/s, errors, p99 of the last interval. */
    private static final class Progress {
        final Histogram interval = new Histogram(1, MAX_MICROS, SIGNIFICANT_DIGITS);
        final Histogram window = new Histogram(1, MAX_MICROS, SIGNIFICANT_DIGITS);
        long count;
        long errors;
        long totalErrors;
        int seconds;

        void accumulate(long intervalCount, long intervalErrors, long now, Timeline timeline, PrintStream out) {
            count += intervalCount;
            errors += intervalErrors;
            totalErrors += intervalErrors;
            window.add(interval);
            if (++seconds < 5) {
                return;
            }
            Timeline.Window w = timeline.windows().get(timeline.indexAt(now - seconds * 500L));
            long elapsed = Math.max(0, (now - timeline.startEpochMillis()) / 1000);
            long total = (timeline.endEpochMillis() - timeline.startEpochMillis()) / 1000;
            out.printf("[load] %-10s %4ds/%ds  %6.1f req/s  errors %d (total %d)  p99 %.1f ms%n", w.name(), elapsed,
                    total, count / (double) seconds, errors, totalErrors,
                    window.getTotalCount() == 0 ? 0.0 : window.getValueAtPercentile(99) / 1000.0);
            count = 0;
            errors = 0;
            seconds = 0;
            window.reset();
        }
    }
}
