package dev.gauntlet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's class-data archive with a real JVM: the first start's running JVM dumps one when the teardown asks (a
 * stopped one cannot, and nothing dumps at exit), the next start takes it up and maps it; a dump the JVM refuses (cut
 * short) is never taken up; a command without a class path gets nothing.
 */
class ServiceArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theTeardownDumpsTheRunningJvmTheNextStartUsesItAndABrokenDumpIsRefused() throws Exception {
        Path jar = helloJar();
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path cache = dir.resolve("cds");
        List<String> command = List.of(java, "-cp", jar.toString(), "Hello");

        assertEquals(List.of(), ServiceArchive.options("hello", command, cache, "gate-1"),
                "the first gate with these files starts the service as it is");
        assertEquals(List.of(), ServiceArchive.options("hello", command, cache, "gate-1"), "a restart in it too");
        List<String> first = ServiceArchive.options("hello", command, cache, "gate-2");
        assertEquals(3, first.size(), first.toString());
        assertEquals("-XX:+RecordDynamicDumpInfo", first.get(0), "nothing is dumped at exit: a stop stays quick");
        assertTrue(first.get(1).startsWith(ServiceArchive.DUMP_TO + cache), first.toString());
        Path dump = Path.of(first.get(1).substring(ServiceArchive.DUMP_TO.length()));

        Files.writeString(dump, "not an archive: a dump cut short");
        List<String> refused = ServiceArchive.options("hello", command, cache, "gate-3");
        assertEquals("-XX:+RecordDynamicDumpInfo", refused.get(0), "a broken dump is not used: " + refused);
        Files.delete(dump);

        Process running = start(java, first, jar);
        try {
            assertEquals("up", new BufferedReader(new InputStreamReader(running.getInputStream()))
                    .readLine(), "the service runs");
            Process stopped = start(java, first, jar);
            stopped.destroyForcibly().waitFor();
            ServiceArchive.dumpRunning(Map.of(running, start(first), stopped, start(first)));
            assertTrue(Files.size(dump) > 0, "the running JVM dumped its archive before its stop");
        } finally {
            running.destroyForcibly().waitFor();
        }
        long started = System.nanoTime();
        assertEquals(0, run(java, first, jar), "a start that has not dumped stops at once");
        assertTrue(System.nanoTime() - started < 30_000_000_000L);
        List<String> next = ServiceArchive.options("hello", command, cache, "gate-3");
        assertTrue(next.get(0).startsWith("-XX:SharedArchiveFile=" + cache), next.toString());
        List<String> onArchive = new ArrayList<>(next);
        onArchive.set(1, "-Xshare:on"); // fails to start unless the archive maps
        assertEquals(0, run(java, onArchive, jar), "the next start maps the archive");
        assertEquals(next, ServiceArchive.options("hello", command, cache, "gate-4"), "and the one after that too");
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(0, files.filter(f -> f.toString().endsWith(".service.seen")).count(), "the note goes");
        }
        assertEquals(List.of(), ServiceArchive.options("other", command, cache, "gate-4"),
                "another service has an archive of its own, made by its own second gate");
        assertEquals("-XX:+RecordDynamicDumpInfo", ServiceArchive.options("other", command, cache, "gate-5").get(0));
    }

    /** The command {@code options} make of the hello service, for {@link ServiceArchive#dumpRunning}. */
    private List<String> start(List<String> options) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        cmd.addAll(options);
        return cmd;
    }

    @Test
    void aCommandWithoutAClassPathOrWithAFolderOfClassesGetsNothing() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(classes.resolve("A.class"), "x");
        assertEquals(List.of(), ServiceArchive.options("s", List.of("node", "server.js"), dir, "gate"));
        assertEquals(List.of(), ServiceArchive.options("s", List.of("java", "-jar", "app.jar"), dir, "gate"));
        assertEquals(List.of(), ServiceArchive.options("s", List.of("java", "-cp", classes.toString(), "A"), dir,
                "gate"));
        assertEquals(Optional.of("a.jar:b.jar"), ServiceArchive.classpath(List.of("java", "--class-path=a.jar:b.jar")));
        assertEquals(Optional.of("x.jar"), ServiceArchive.classpath(List.of("java", "-classpath", "x.jar", "M")));
    }

    /** Hello with {@code options}, told to exit at once. */
    private int run(String java, List<String> options, Path jar) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", jar.toString(), "Hello", "exit"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    /** Hello with {@code options}, running until it is stopped (a service). */
    private Process start(String java, List<String> options, Path jar) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", jar.toString(), "Hello"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** A jar with one class whose main loads a few classes of its own and exits. */
    private Path helloJar() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("Hello.java"), "public class Hello { record Greeting(String to) { }"
                + " public static void main(String[] a) throws Exception { new Greeting(\"world\").toString();"
                + " System.out.println(\"up\"); if (a.length == 0) { Thread.sleep(120_000); } } }");
        Path out = Files.createDirectories(dir.resolve("out"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(),
                src.resolve("Hello.java").toString()));
        Path jar = dir.resolve("hello.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("Hello.class", "Hello$Greeting.class")) {
                j.putNextEntry(new JarEntry(name));
                j.write(Files.readAllBytes(out.resolve(name)));
                j.closeEntry();
            }
        }
        return jar;
    }
}
