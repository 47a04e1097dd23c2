package dev.gauntlet.bench;

import dev.gauntlet.guard.LoopbackAgentJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Response-tap overhead: 50 users loop POST against a trivial loopback endpoint — plain Gatling, then through
 * {@code LoadRun.request} with the tap off, with the gate's default (every write logged up to 100,000, answers
 * sampled 50/s per operation + 10 % up to 50,000), and with every answer logged and sampled — in that order every
 * round (after one plain run left out, while the stub warms up), each run in a fresh load-worker JVM. Prints per run
 * the req/s and the worker's CPU time per request (steadier than req/s on a shared machine: other processes take
 * cores, not CPU time per request), then medians and each variant's median over the plain and the tap-off ones (the
 * issue's measure: default over off). Not a test (numbers
 * go in the notes):
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.gauntlet.bench.TapOverheadBenchmark 3</pre>
 *
 * ({@code mvn -B -o -q -pl src/harness test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} makes
 * {@code cp.txt}.) Options: {@code -Dbench.seconds=25} each run's length, {@code -Dbench.variants=off,default} some
 * variants only, {@code -Dbench.before=/copy/of/older/classes} also runs every variant on an older build of the
 * harness classes (labelled {@code @before}) right after the current one, {@code -Dbench.workerArgs="..."} adds
 * worker JVM options ({@code {run}} = the run's folder, e.g. {@code -XX:StartFlightRecording=filename={run}/w.jfr}).
 */
public final class TapOverheadBenchmark {
    private static final Pattern COUNT = Pattern.compile("> request count\\s*\\|\\s*([\\d,]+)");
    private static final String PLAIN = "plain";
    private static final String BEFORE = "@before";
    private static final Map<String, List<String>> VARIANTS = variants();

    private record Result(double rate, double cpuMicrosPerRequest) {
    }

    private static Map<String, List<String>> variants() {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put(PLAIN, List.of());
        v.put("off", List.of());
        v.put("default", List.of("-Dgauntlet.tap.writes=true", "-Dgauntlet.tap.perSecond=50",
                "-Dgauntlet.tap.share=0.1", "-Dgauntlet.tap.maxWrites=100000", "-Dgauntlet.tap.maxSamples=50000"));
        v.put("every", List.of("-Dgauntlet.tap.writes=true", "-Dgauntlet.tap.perSecond=100000",
                "-Dgauntlet.tap.share=1", "-Dgauntlet.tap.maxWrites=10000000", "-Dgauntlet.tap.maxSamples=10000000"));
        return v;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String before = System.getProperty("bench.before");
        List<String> labels = new ArrayList<>();
        for (String v : System.getProperty("bench.variants", String.join(",", VARIANTS.keySet())).split(",")) {
            labels.add(v);
            if (before != null) {
                labels.add(v + BEFORE);
            }
        }
        LoopbackStub server = LoopbackStub.start("/ping", 0);
        Map<String, List<Result>> results = new LinkedHashMap<>();
        try {
            // one run left out: the stub (this JVM) is cold at first, and the first variant of round 1 measured up to
            // half the rate of the same variant later (session 11)
            Result warm = run(PLAIN, before, server.url().toString(), -1);
            System.out.printf("warm-up run (left out): %.0f req/s%n", warm.rate());
            for (int i = 0; i < rounds; i++) {
                StringBuilder line = new StringBuilder("round " + (i + 1) + ":");
                for (String label : labels) {
                    Result r = run(label, before, server.url().toString(), i);
                    results.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
                    line.append(String.format(" %s %.0f req/s %.1f µs;", label, r.rate(), r.cpuMicrosPerRequest()));
                }
                for (String build : before == null ? List.of("") : List.of("", BEFORE)) {
                    Result d = last(results, "default" + build);
                    Result off = last(results, "off" + build);
                    if (d != null && off != null) {
                        line.append(String.format(" default/off%s %.3f", build, d.rate() / off.rate()));
                    }
                }
                System.out.println(line);
            }
            Map<String, Result> medians = new LinkedHashMap<>();
            results.forEach((label, list) -> medians.put(label, new Result(
                    median(list.stream().map(Result::rate).toList()),
                    median(list.stream().map(Result::cpuMicrosPerRequest).toList()))));
            medians.forEach((label, m) -> {
                String build = label.endsWith(BEFORE) ? BEFORE : "";
                System.out.printf("median %s: %.0f req/s%s%s, worker CPU %.1f µs per request%n", label, m.rate(),
                        ratio(m, medians.get("off" + build), "off"), ratio(m, medians.get(PLAIN + build), PLAIN),
                        m.cpuMicrosPerRequest());
            });
        } finally {
            server.close();
            System.exit(0);
        }
    }

    private static Result last(Map<String, List<Result>> results, String label) {
        List<Result> list = results.get(label);
        return list == null ? null : list.get(list.size() - 1);
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static String ratio(Result median, Result of, String name) {
        return of == null ? "" : String.format(", %.3f of %s", median.rate() / of.rate(), name);
    }

    private static Result run(String label, String before, String url, int round) throws Exception {
        String variant = label.replace(BEFORE, "");
        Path out = Path.of("target", "bench", "tap-" + label.replace("@", "-") + "-" + round).toAbsolutePath();
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-javaagent:" + LoopbackAgentJar.write(out), "-Xmx1g",
                "-Djava.util.prefs.userRoot=" + out.resolve("prefs"), "-Dgauntlet.baseUrl=" + url,
                "-Dgauntlet.out=" + out, "-Dbench.seconds=" + OverheadSimulations.DURATION.toSeconds()));
        cmd.addAll(VARIANTS.get(variant));
        String extra = System.getProperty("bench.workerArgs", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.replace("{run}", out.toString()).split("\\s+")));
        }
        String cp = System.getProperty("java.class.path");
        if (label.endsWith(BEFORE)) {
            cp = before + java.io.File.pathSeparator + cp; // the older harness classes come first
        }
        cmd.addAll(List.of("-cp", cp, "dev.gauntlet.load.LoadWorker",
                (PLAIN.equals(variant) ? OverheadSimulations.PlainWrites.class : OverheadSimulations.Writes.class)
                        .getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolve("worker.log").toFile()).start();
        Duration cpu = Duration.ZERO;
        while (p.isAlive()) { // CPU time so far (the kernel forgets it when the process ends)
            cpu = p.toHandle().info().totalCpuDuration().orElse(cpu);
            Thread.sleep(100);
        }
        Matcher m = COUNT.matcher(Files.readString(out.resolve("worker.log")));
        if (!m.find()) {
            throw new IllegalStateException("no request count in " + out.resolve("worker.log"));
        }
        long requests = Long.parseLong(m.group(1).replace(",", ""));
        return new Result(requests / (double) OverheadSimulations.DURATION.toSeconds(),
                cpu.toNanos() / 1000.0 / requests);
    }
}
