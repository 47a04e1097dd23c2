package dev.gauntlet.bench;

import com.sun.net.httpserver.HttpServer;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.load.LoadStage;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
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
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
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
            server.stop(0);
            System.exit(0);
        }
    }
}
