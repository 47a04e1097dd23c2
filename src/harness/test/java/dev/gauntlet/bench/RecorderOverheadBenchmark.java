package dev.gauntlet.bench;

import dev.gauntlet.guard.LoopbackAgentJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recorder overhead: the same 50-user closed loop against a trivial loopback endpoint, plain Gatling vs. every
 * request through {@code LoadRun.request}, alternating, each run in a fresh load-worker JVM. Prints req/s per run,
 * medians and their ratio. Not a test (numbers go in notes):
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.gauntlet.bench.RecorderOverheadBenchmark 4</pre>
 */
public final class RecorderOverheadBenchmark {
    private static final Pattern COUNT = Pattern.compile("> request count\\s*\\|\\s*([\\d,]+)");

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        LoopbackStub server = LoopbackStub.start("/ping", 0);
        String url = server.url().toString();
        List<Double> plain = new ArrayList<>();
        List<Double> recorded = new ArrayList<>();
        try {
            for (int i = 0; i < rounds; i++) {
                plain.add(run(OverheadSimulations.Plain.class.getName(), url, i));
                recorded.add(run(OverheadSimulations.Recorded.class.getName(), url, i));
                System.out.printf("round %d: plain %.0f req/s, recorded %.0f req/s%n", i + 1, plain.get(i), recorded.get(i));
            }
        } finally {
            server.close();
            System.exit(0);
        }
    }

    private static double run(String simulation, String url, int round) throws Exception {
        Path out = Path.of("target", "bench", simulation.substring(simulation.lastIndexOf('$') + 1) + "-" + round).toAbsolutePath();
        Files.createDirectories(out);
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-javaagent:" + LoopbackAgentJar.write(out), "-Xmx1g",
                "-Djava.util.prefs.userRoot=" + out.resolve("prefs"), "-Dgauntlet.baseUrl=" + url,
                "-Dgauntlet.out=" + out, "-cp", System.getProperty("java.class.path"),
                "dev.gauntlet.load.LoadWorker", simulation);
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
