package dev.gauntlet.bench;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.load.LoadStage;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Recorder accuracy: a loopback endpoint that answers after exactly 100 ms, driven through the load stage. Prints
 * the recorder's p50/p95/p99/min of the scored phase next to Gatling's own summary. Not a test (numbers go in notes):
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.gauntlet.bench.RecorderAccuracyBenchmark 3</pre>
 */
public final class RecorderAccuracyBenchmark {
    private static final Pattern GATLING = Pattern.compile("> response time 50th percentile \\(ms\\)\\s*\\|\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        LoopbackStub server = LoopbackStub.start("/slow", 100);
        URI target = server.url();
        try (ChildProcesses processes = new ChildProcesses(Leftovers.shared())) {
            for (int i = 0; i < rounds; i++) {
                Path run = Path.of("target", "bench", "accuracy-" + i).toAbsolutePath();
                LoadResults r = LoadStage.run(new LoadSpec(true, AccuracySimulation.class.getName(), Map.of(),
                        Duration.ofMinutes(5)), target, run, processes, line -> { });
                Histogram h = r.merged(c -> c.phase().equals("baseline"));
                Matcher m = GATLING.matcher(Files.readString(run.resolve("load").resolve("worker.log")));
                System.out.printf("round %d: recorder n=%d min %.1f p50 %.1f p95 %.1f p99 %.1f ms; Gatling p50 (whole run) %s ms%n",
                        i + 1, h.getTotalCount(), h.getMinValue() / 1000.0, h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(95) / 1000.0, h.getValueAtPercentile(99) / 1000.0, m.find() ? m.group(1) : "?");
            }
        } finally {
            server.close();
            System.exit(0);
        }
    }
}
