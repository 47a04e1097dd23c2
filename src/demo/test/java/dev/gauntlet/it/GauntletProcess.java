package dev.gauntlet.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** {@code java -jar target/gauntlet.jar ...} as a real child process, its output captured. */
final class GauntletProcess {
    static final Path JAR = Path.of(System.getProperty("gauntlet.jar", "target/gauntlet.jar"));

    final Process process;
    private final StringBuffer output = new StringBuffer();

    private GauntletProcess(Process process) {
        this.process = process;
        Thread pump = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        pump.setDaemon(true);
        pump.start();
    }

    /** Another JDK's {@code java} and the root of the run folders of the gates started on it. */
    private record OtherJdk(String java, String outRoot) {
    }

    /** The JDK of the gates of a class that runs on another JDK, per thread (its tests run on one). */
    private static final ThreadLocal<OtherJdk> OTHER_JDK = new ThreadLocal<>();

    /** Gates started on this thread run on {@code java}, with their run folders under {@code outRoot}. */
    static void onJdk(String java, String outRoot) {
        OTHER_JDK.set(new OtherJdk(java, outRoot));
    }

    /** Gates started on this thread run on this JVM's JDK again. */
    static void onThisJdk() {
        OTHER_JDK.remove();
    }

    /**
     * The {@code java} that runs the gate: another JDK's for a class on it ({@link NewestJdk}), else this JVM's. A JDK
     * that is not there skips the test, saying where it was looked for.
     */
    static String java() {
        OtherJdk other = OTHER_JDK.get();
        if (other == null) {
            return ProcessHandle.current().info().command().orElse("java");
        }
        Assumptions.assumeTrue(Files.isExecutable(Path.of(other.java())), "no JDK at " + other.java()
                + " (-Dgauntlet.jdk25=...): the gate tests on that JDK are skipped");
        return other.java();
    }

    /** Run folder of a test: under {@code target/it}, or under another JDK's folder for a class on it. */
    static Path out(String name) {
        OtherJdk other = OTHER_JDK.get();
        return Path.of(other == null ? "target/it" : other.outRoot(), name);
    }

    static GauntletProcess start(String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after `mvn package`");
        }
        String java = java();
        List<String> archive = GateArchive.options(java);
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(archive);
        if (!"off".equals(System.getProperty("gauntlet.it.c1"))) {
            // test speed only, as the archive: the gate JVM's C2 compiler spent 13.6 s of a default gate's 35.7 s of
            // CPU (its conformance matching 7.8 s more with C1 only: 9 s less in all); -Dgauntlet.it.c1=off
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        GateArchive.started(java, archive, p);
        return new GauntletProcess(p);
    }

    /** Runs to the end (bounded) and returns the exit code. */
    int await(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("gauntlet did not finish within " + limit + "; output:\n" + output);
        }
        Thread.sleep(200); // let the pump drain
        return process.exitValue();
    }

    /** Waits until the output contains {@code text}. */
    void awaitOutput(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!output.toString().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("never printed '" + text + "'; output:\n" + output);
            }
            Thread.sleep(100);
        }
    }

    String output() {
        return output.toString();
    }

    /** An environment file made from the shipped local one with {@code from} replaced by {@code to}. */
    static Path variant(String name, String from, String to) throws IOException {
        return variant(Path.of("environments/local.yaml"), name, from, to);
    }

    /**
     * An environment file made from {@code source} with {@code from} replaced by {@code to}: the environments folder
     * is copied to {@code target/it/env-NAME/} (another JDK's class: under its folder), so {@code extends:} keeps
     * working, and the replacement is made in the nearest file of the {@code extends} chain that holds {@code from}.
     */
    static Path variant(Path source, String name, String from, String to) throws IOException {
        Path dir = out("env-" + name);
        Files.createDirectories(dir);
        try (java.util.stream.Stream<Path> files = Files.list(source.toAbsolutePath().getParent())) {
            for (Path yaml : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(yaml, dir.resolve(yaml.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path f = dir.resolve(source.getFileName());
        while (true) {
            String text = Files.readString(f);
            if (text.contains(from)) {
                Files.writeString(f, text.replace(from, to));
                return dir.resolve(source.getFileName());
            }
            java.util.regex.Matcher parent = java.util.regex.Pattern.compile("(?m)^extends:\\s*(\\S+)").matcher(text);
            if (!parent.find()) {
                throw new IllegalStateException(source + " (and the files it extends) no longer contain " + from);
            }
            f = f.getParent().resolve(parent.group(1));
        }
    }
}
