package dev.gauntlet.bench;

import dev.gauntlet.guard.LoopbackAgentJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Response-tap overhead: 50 users loop POST against a trivial loopback endpoint through {@code LoadRun.request},
 * with the tap off, with the gate's default (every write logged, answers sampled 50/s per operation + 10 %), and
 * with every answer sampled, alternating, each run in a fresh load-worker JVM. Prints req/s per run and medians.
 * Not a test (numbers go in the notes):
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.gauntlet.bench.TapOverheadBenchmark 3</pre>
 */
public final class TapOverheadBenchmark {
    private static final Pattern COUNT = Pattern.compile("> request count\\s*\\|\\s*([\\d,]+)");
    private static final Map<String, List<String>> VARIANTS = Map.of(
            "off", List.of(),
            "default", List.of("-Dgauntlet.tap.writes=true", "-Dgauntlet.tap.perSecond=50", "-Dgauntlet.tap.share=0.1",
                    "-Dgauntlet.tap.maxWrites=100000", "-Dgauntlet.tap.maxSamples=20000"),
            "every", List.of("-Dgauntlet.tap.writes=true", "-Dgauntlet.tap.perSecond=100000", "-Dgauntlet.tap.share=1",
                    "-Dgauntlet.tap.maxWrites=10000000", "-Dgauntlet.tap.maxSamples=10000000"));

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        LoopbackStub server = LoopbackStub.start("/ping", 0);
        Map<String, List<Double>> rates = new java.util.TreeMap<>();
        try {
            for (int i = 0; i < rounds; i++) {
                StringBuilder line = new StringBuilder("round " + (i + 1) + ":");
                for (String v : List.of("off", "default", "every")) {
                    double r = run(v, server.url().toString(), i);
                    rates.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
                    line.append(String.format(" %s %.0f req/s", v, r));
                }
                System.out.println(line);
            }
            rates.forEach((v, list) -> System.out.printf("median %s: %.0f req/s%n", v,
                    list.stream().sorted().toList().get(list.size() / 2)));
        } finally {
            server.close();
            System.exit(0);
        }
    }

    private static double run(String variant, String url, int round) throws Exception {
        Path out = Path.of("target", "bench", "tap-" + variant + "-" + round).toAbsolutePath();
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-javaagent:" + LoopbackAgentJar.write(out), "-Xmx1g",
                "-Djava.util.prefs.userRoot=" + out.resolve("prefs"), "-Dgauntlet.baseUrl=" + url,
                "-Dgauntlet.out=" + out));
        cmd.addAll(VARIANTS.get(variant));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.gauntlet.load.LoadWorker",
                OverheadSimulations.Writes.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolve("worker.log").toFile()).start();
        p.waitFor();
        Matcher m = COUNT.matcher(Files.readString(out.resolve("worker.log")));
        if (!m.find()) {
            throw new IllegalStateException("no request count in " + out.resolve("worker.log"));
        }
        return Long.parseLong(m.group(1).replace(",", "")) / (double) OverheadSimulations.DURATION.toSeconds();
    }
}
