package dev.gauntlet.load;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * What the coordinator's merge costs: {@code injectors} synthetic injector folders of {@code hours} of one-second
 * interval logs (6 operations × 2 outcomes per second, a realistic latency spread), read back and merged as after a
 * real run. Not a test (the number goes in the notes):
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.gauntlet.load.InjectorMergeBenchmark 10 1</pre>
 */
public final class InjectorMergeBenchmark {
    private static final String[] OPERATIONS = {"GET /products", "GET /products/{sku}", "POST /orders",
        "GET /orders/{id}", "DELETE /orders/{id}", "GET /orders"};

    public static void main(String[] args) throws Exception {
        int injectors = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        double hours = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        int seconds = (int) (hours * 3600);
        Path root = Files.createTempDirectory("gauntlet-merge-bench");
        LoadPlan plan = LoadPlan.warmup(10, Duration.ofSeconds(60)).hold("soak", 300, Duration.ofSeconds(seconds - 60));
        long t0 = System.currentTimeMillis() - seconds * 1000L;
        long written = 0;
        for (int k = 0; k < injectors; k++) {
            Path dir = root.resolve("injector-" + (k + 1));
            Files.createDirectories(dir);
            Timeline timeline = Timeline.of(plan.share(injectors), t0 + k * 13L);
            written += write(dir, timeline, new Random(k));
        }
        long start = System.nanoTime();
        List<LoadResults> parts = new ArrayList<>();
        for (int k = 0; k < injectors; k++) {
            parts.add(LoadStage.read(root.resolve("injector-" + (k + 1)), "bench", true));
        }
        long read = System.nanoTime();
        LoadResults merged = InjectorMerge.merge("bench", parts, injectors);
        long done = System.nanoTime();
        Histogram all = merged.merged(c -> true);
        long charts = System.nanoTime();
        Histogram perSecond = new Histogram(1, LoadRecorder.MAX_MICROS, LoadRecorder.SIGNIFICANT_DIGITS);
        for (LoadResults.Interval i : merged.intervals()) { // what the charts and recovery objectives do
            perSecond.add(i.histogram());
        }
        System.out.printf("adding the %d merged intervals (as charts and recovery objectives do): %.1f s%n",
                merged.intervals().size(), (System.nanoTime() - charts) / 1e9);
        System.out.printf("%d injectors x %.1f h: %d interval histograms, %d requests; read %.1f s, merge %.2f s, "
                        + "total %.1f s; merged p99 %.1f ms; heap used %d MB%n", injectors, hours, written,
                all.getTotalCount(), (read - start) / 1e9, (done - read) / 1e9, (done - start) / 1e9,
                all.getValueAtPercentile(99) / 1000.0,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }

    /** One injector's folder: timeline.json, worker.json and an hour of one-second intervals. */
    private static long write(Path dir, Timeline timeline, Random random) throws Exception {
        List<String> operations = List.of(OPERATIONS);
        LoadWorker.writeTimeline(dir, timeline, operations);
        long[] visits = new long[timeline.windows().size()];
        long n = 0;
        try (PrintStream out = new PrintStream(dir.resolve("histograms.hlog").toFile())) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputLogFormatVersion();
            w.outputStartTime(timeline.startEpochMillis());
            w.setBaseTime(0);
            w.outputBaseTime(0);
            w.outputLegend();
            Histogram h = new Histogram(1, LoadRecorder.MAX_MICROS, LoadRecorder.SIGNIFICANT_DIGITS);
            for (long s = timeline.startEpochMillis(); s < timeline.endEpochMillis(); s += 1000) {
                int phase = timeline.indexAt(s);
                Timeline.Window window = timeline.windows().get(phase);
                for (String op : OPERATIONS) {
                    for (Outcome outcome : new Outcome[] {Outcome.OK, Outcome.SERVER_ERROR}) {
                        h.reset();
                        int count = outcome == Outcome.OK ? Math.max(1, (int) (window.offeredRps() / 6)) : 1;
                        for (int i = 0; i < count; i++) {
                            h.recordValue(500 + (long) (Math.exp(random.nextGaussian()) * 8_000));
                        }
                        h.setStartTimeStamp(s);
                        h.setEndTimeStamp(s + 1000);
                        h.setTag(LoadRecorder.tag(op, window.name(), outcome));
                        w.outputIntervalHistogram(h);
                        n++;
                        visits[phase] += outcome == Outcome.OK ? count : 0;
                    }
                }
            }
        }
        Files.writeString(dir.resolve("worker.json"), "{\"refusedConnections\":[],\"visits\":"
                + java.util.Arrays.toString(visits) + "}");
        return n;
    }
}
