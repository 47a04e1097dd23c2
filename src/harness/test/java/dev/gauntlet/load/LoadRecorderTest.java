package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadRecorderTest {
    @TempDir
    Path out;

    @Test
    void recordsLandInTheirCellAndSurviveTheRoundTripThroughTheLog() throws Exception {
        LoadPlan plan = LoadPlan.warmup(10, Duration.ofSeconds(1)).hold("baseline", 10, Duration.ofSeconds(1));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        LoadRecorder recorder = new LoadRecorder(out.resolve("histograms.hlog"), new PrintStream(progress), System::currentTimeMillis);
        int products = recorder.operation("GET /products");
        int orders = recorder.operation("POST /orders");
        assertEquals(products, recorder.operation("GET /products"), "an operation registers once");
        long t0 = System.currentTimeMillis();
        Timeline timeline = Timeline.of(plan, t0);
        recorder.start(timeline);
        for (int i = 1; i <= 100; i++) {
            recorder.record(products, t0 + 100, Outcome.OK, i * 1000L);          // warm-up: 1..100 ms
            recorder.record(products, t0 + 1500, Outcome.OK, 100_000L + i);
            recorder.visit(t0 + 1500);     // baseline ~100 ms
        }
        recorder.record(orders, t0 + 1500, Outcome.of(503), 5_000);
        recorder.record(orders, t0 + 1500, Outcome.of(0), 2_000_000);               // no answer after 2 s
        recorder.record(orders, t0 + 1500, Outcome.of(429, true), 1_000);
        recorder.record(orders, t0 + 1500, Outcome.of(429, false), 1_000);
        long[] visits = recorder.visits();
        recorder.close();

        LoadWorker.JSON.writeValue(out.resolve("timeline.json").toFile(),
                Map.of("timeline", timeline, "operations", recorder.operations()));
        Files.writeString(out.resolve("worker.json"), "{\"refusedConnections\":[],\"visits\":[" + visits[0] + "," + visits[1] + "]}");
        LoadResults results = LoadStage.read(out, "T");

        assertEquals(204, results.count(c -> true));
        assertEquals(Map.of("warmup", 0L, "baseline", 100L), results.visits());
        assertEquals(100, results.count(c -> c.phase().equals("warmup")));
        long baselineOk = results.count(c -> c.phase().equals("baseline") && c.outcome() == Outcome.OK);
        assertEquals(100, baselineOk);
        assertEquals(1, results.count(c -> c.outcome() == Outcome.SERVER_ERROR));
        assertEquals(1, results.count(c -> c.outcome() == Outcome.NO_RESPONSE));
        assertEquals(1, results.count(c -> c.outcome() == Outcome.RATE_LIMITED));
        assertEquals(1, results.count(c -> c.outcome() == Outcome.RATE_LIMITED_WITHOUT_RETRY_AFTER));
        double p50 = results.merged(c -> c.phase().equals("baseline") && c.outcome() == Outcome.OK).getValueAtPercentile(50) / 1000.0;
        assertEquals(100.0, p50, 1.0, "baseline p50 within HdrHistogram's 1% precision");
        double warmP99 = results.merged(c -> c.phase().equals("warmup")).getValueAtPercentile(99) / 1000.0;
        assertEquals(99.0, warmP99, 1.0);
        assertEquals(List.of("GET /products", "POST /orders"), results.operations());
        assertTrue(Files.readString(out.resolve("histograms.hlog")).contains("Tag=GET+%2Fproducts|baseline|OK"));
    }

    @Test
    void outcomesFollowStatusClasses() {
        assertEquals(Outcome.NO_RESPONSE, Outcome.of(0));
        assertEquals(Outcome.OK, Outcome.of(204));
        assertEquals(Outcome.OK, Outcome.of(302));
        assertEquals(Outcome.CLIENT_ERROR, Outcome.of(404));
        assertEquals(Outcome.RATE_LIMITED, Outcome.of(429));
        assertEquals(Outcome.RATE_LIMITED_WITHOUT_RETRY_AFTER, Outcome.of(429, false));
        assertEquals(Outcome.OK, Outcome.of(200, false));
        assertEquals(Outcome.SERVER_ERROR, Outcome.of(502));
        assertTrue(Outcome.SERVER_ERROR.isError() && Outcome.NO_RESPONSE.isError());
        assertTrue(!Outcome.RATE_LIMITED.isError() && !Outcome.CLIENT_ERROR.isError());
    }
}
