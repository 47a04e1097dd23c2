package dev.gauntlet.load;

import io.gatling.http.client.RequestBuilder;
import io.gatling.http.client.uri.Uri;
import io.gatling.http.response.ByteArrayResponseBody;
import io.gatling.http.response.Response;
import io.gatling.http.response.StringResponseBody;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The response tap's own cost, without Gatling or a network: process CPU time (the caller, the drainer, GC) per
 * answer handed to {@link ResponseTap#observe} from one thread (a fresh answer each time, as Gatling hands them
 * over), files written and closed included. Steadier than
 * req/s on a shared machine; compare builds by putting an older one's classes first on the class path. Not a test:
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.gauntlet.load.TapCostBenchmark 7</pre>
 */
public final class TapCostBenchmark {
    private record Case(String name, boolean writes, int perSecond, double share, long maxWrites, long maxSamples,
                        int answers) {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<Case> cases = List.of(
                new Case("default (1M POST answers: 100k writes, <=50k samples kept)", true, 50, 0.1, 100_000, 50_000,
                        1_000_000),
                new Case("every (200k POST answers, all kept)", true, 100_000, 1, 10_000_000, 10_000_000, 200_000),
                new Case("over the bounds (1M POST answers, none kept)", true, 0, 0.1, 0, 0, 1_000_000));
        Response template = answer();
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path dir = Files.createTempDirectory("tap-cost");
        for (Case c : cases) {
            List<Double> perAnswer = new ArrayList<>();
            for (int t = 0; t <= trials; t++) { // the first trial warms up
                long cpu = os.getProcessCpuTime();
                ResponseTap tap = new ResponseTap(dir, c.writes(), c.perSecond(), c.share(), c.maxWrites(),
                        c.maxSamples());
                for (int i = 0; i < c.answers(); i++) {
                    // a fresh body each time, as Gatling hands over: its text is made (copied) on demand
                    tap.observe(0, "POST /ping", "POST", new Response(template.request(), 0, 1, template.status(),
                            template.headers(), new ByteArrayResponseBody(body, StandardCharsets.UTF_8),
                            template.checksums(), false));
                }
                tap.close();
                if (t > 0) {
                    perAnswer.add((os.getProcessCpuTime() - cpu) / (double) c.answers());
                }
            }
            List<Double> sorted = perAnswer.stream().sorted().toList();
            System.out.printf("%s: median %.0f ns CPU per answer (trials %s)%n", c.name(),
                    sorted.get(sorted.size() / 2), perAnswer.stream().map(d -> String.format("%.0f", d)).toList());
        }
    }

    private static Response answer() {
        var request = new RequestBuilder("POST /ping", HttpMethod.POST, Uri.create("http://127.0.0.1:1/ping"), null)
                .setHeaders(new DefaultHttpHeaders().add("Accept", "application/json").add("Authorization", "Bearer a"))
                .build();
        return new Response(request, 0, 1, HttpResponseStatus.OK,
                new DefaultHttpHeaders().add("Content-Type", "text/plain").add("Content-Length", "2"),
                new StringResponseBody("ok", StandardCharsets.UTF_8), scala.collection.immutable.Map$.MODULE$.empty(),
                false);
    }
}
