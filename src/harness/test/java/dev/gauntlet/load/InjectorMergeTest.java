package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three injectors' records, written through real recorders and logs and read back as the coordinator reads them,
 * merge exactly: counts are the sums, and a merged percentile is the one of a histogram holding every raw sample
 * (not an average of the injectors' percentiles, which differs for skewed shares).
 */
class InjectorMergeTest {
    @TempDir
    Path dir;

    @Test
    void mergedCountsAreTheSumsAndMergedPercentilesThoseOfAllRawSamples() throws Exception {
        LoadPlan plan = LoadPlan.warmup(30, Duration.ofSeconds(1)).hold("baseline", 90, Duration.ofSeconds(2));
        long t0 = System.currentTimeMillis();
        Random random = new Random(17);
        Histogram all = new Histogram(1, LoadRecorder.MAX_MICROS, LoadRecorder.SIGNIFICANT_DIGITS);
        List<Long> raw = new ArrayList<>();
        List<LoadResults> parts = new ArrayList<>();
        long[] perInjector = new long[3];
        for (int k = 0; k < 3; k++) {
            Path out = dir.resolve("injector-" + (k + 1));
            Files.createDirectories(out);
            LoadRecorder recorder = new LoadRecorder(out.resolve("histograms.hlog"), new PrintStream(
                    java.io.OutputStream.nullOutputStream()), System::currentTimeMillis);
            int op = recorder.operation("GET /orders/{id}");
            Timeline timeline = Timeline.of(plan.share(3), t0 + k * 7L); // skewed starts
            recorder.start(timeline);
            // skewed shares: injector 3 is slow and sends few requests, so averaging percentiles would be wrong
            int n = k == 2 ? 300 : 3000;
            for (int i = 0; i < n; i++) {
                long micros = k == 2 ? 200_000 + random.nextInt(400_000) : 1_000 + (long) (Math.exp(random.nextGaussian()) * 4_000);
                recorder.record(op, t0 + 1_200 + k * 7L, Outcome.OK, micros);
                recorder.visit(t0 + 1_200 + k * 7L);
                all.recordValue(micros);
                raw.add(micros);
            }
            recorder.record(op, t0 + 100 + k * 7L, Outcome.of(503), 5_000);
            all.recordValue(5_000);
            perInjector[k] = n + 1;
            long[] visits = recorder.visits();
            recorder.close();
            LoadWorker.writeTimeline(out, timeline, recorder.operations());
            if (k != 1) { // injector 2 "was killed": no worker.json, its visits come from the log
                Files.writeString(out.resolve("worker.json"), "{\"refusedConnections\":[],\"visits\":"
                        + Arrays.toString(visits) + "}");
            }
            parts.add(LoadStage.read(out, "T", true));
        }

        LoadResults merged = InjectorMerge.merge("T", parts, 3);

        assertEquals(Arrays.stream(perInjector).sum(), merged.count(c -> true), "merged count is the sum");
        for (String phase : List.of("warmup", "baseline")) {
            assertEquals(parts.stream().mapToLong(p -> p.count(c -> c.phase().equals(phase))).sum(),
                    merged.count(c -> c.phase().equals(phase)), phase);
        }
        assertEquals(6300L, merged.visits().get("baseline"), "visits summed, a killed injector's from its log");
        assertEquals(90.0, merged.timeline().windows().get(1).offeredRps(), 1e-9, "offered: the shares added up");
        assertEquals(t0, merged.timeline().startEpochMillis(), "the merged clock is the earliest injector's");
        Histogram mergedOk = merged.merged(c -> true);
        for (double q : new double[] {50, 90, 95, 99, 99.9}) {
            assertEquals(all.getValueAtPercentile(q), mergedOk.getValueAtPercentile(q), "p" + q + " exactly");
        }
        long[] sorted = raw.stream().mapToLong(Long::longValue).sorted().toArray();
        long rawP99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
        Histogram okOnly = merged.merged(c -> c.outcome() == Outcome.OK);
        assertEquals(rawP99, okOnly.getValueAtPercentile(99), rawP99 * 0.01,
                "p99 of the raw samples, within HdrHistogram's 2-digit precision");
        double averaged = parts.stream().mapToDouble(p -> p.merged(c -> c.outcome() == Outcome.OK)
                .getValueAtPercentile(99)).average().orElseThrow();
        assertTrue(Math.abs(averaged - rawP99) > rawP99 * 0.05, "the test data tell an average of percentiles apart");
        assertEquals(merged.count(c -> true), merged.intervals().stream().mapToLong(i -> i.histogram().getTotalCount())
                .sum(), "every interval of every injector, aligned by second");
        assertTrue(merged.intervals().size() < parts.stream().mapToLong(p -> p.intervals().size()).sum(),
                "the injectors' intervals of one cell and second are one");
        for (int i = 1; i < merged.intervals().size(); i++) {
            assertTrue(merged.intervals().get(i - 1).startEpochMillis() <= merged.intervals().get(i).startEpochMillis(),
                    "intervals on one time axis");
        }
        List<InjectorRun.PhaseRate> rates = InjectorMerge.rates(parts.get(2), merged.timeline(), 3);
        assertEquals(30.0, rates.get(1).offeredRps(), 1e-9, "each injector offers a third");
        assertEquals(150.0, rates.get(1).achievedRps(), 1e-9, "300 visits in its 2 s baseline");
        assertEquals(Map.of("warmup", 0L, "baseline", 300L), parts.get(2).visits());
    }
}
