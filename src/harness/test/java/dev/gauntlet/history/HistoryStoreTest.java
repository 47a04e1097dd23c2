package dev.gauntlet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.slo.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One compact file per run; read back whole; only the same environment and plan; damaged files skipped with a note. */
class HistoryStoreTest {
    @TempDir
    Path dir;

    static RunRecord run(String id, long second, String env, String plan) {
        Histogram h = RegressionTest.latencies(second, 3000, 12);
        return new RunRecord(id, Instant.ofEpochSecond(second), env, plan, new Calibration(75.5, 4.25), Status.PASS,
                List.of(new RunRecord.Cell("GET /products", "baseline", h, 3010, 4, 6)),
                List.of(new RunRecord.Result("baseline p95", "latency", "baseline", "all", Status.PASS, 14.5, "ms")));
    }

    @Test
    void aRunIsReadBackAsItWasWritten() throws Exception {
        HistoryStore store = new HistoryStore(dir.resolve("h"));
        RunRecord written = run("run-1", 1000, "local", "abc");
        Path file = store.append(written);
        RunRecord read = store.readAll(n -> { }).get(0);
        assertEquals(written.id(), read.id());
        assertEquals(written.started(), read.started());
        assertEquals(written.calibration(), read.calibration());
        assertEquals(written.objectives(), read.objectives());
        RunRecord.Cell c = read.cells().get(0);
        assertEquals(3010, c.requests());
        assertEquals(4, c.errors());
        assertEquals(6, c.rateLimited());
        assertEquals(written.cells().get(0).latency(), c.latency());
        assertTrue(Files.size(file) < 4000, "one run of 3000 answers takes " + Files.size(file) + " bytes");
    }

    @Test
    void onlyTheLastComparableRunsOldestFirstAndDamagedFilesAreNoted() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        for (int i = 9; i >= 0; i--) {
            store.append(run("run-" + i, 1000 + i, "local", "abc"));
        }
        store.append(run("other-env", 2000, "nightly", "abc"));
        store.append(run("other-plan", 2001, "local", "xyz"));
        Files.writeString(dir.resolve("garbage.json"), "{not json");
        Files.writeString(dir.resolve("old.json"), "{\"format\": 0}");
        List<String> notes = new ArrayList<>();
        List<RunRecord> runs = store.comparable("local", "abc", 7, notes::add);
        assertEquals(List.of("run-3", "run-4", "run-5", "run-6", "run-7", "run-8", "run-9"),
                runs.stream().map(RunRecord::id).toList());
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("garbage.json") || notes.get(1).contains("garbage.json"), notes.toString());
        assertEquals(List.of(), new HistoryStore(dir.resolve("absent")).comparable("local", "abc", 7, notes::add));
    }
}
