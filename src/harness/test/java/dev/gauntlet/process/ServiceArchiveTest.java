package dev.gauntlet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's class-data archive with a real JVM: the first start dumps one at exit, the next takes it up and maps it;
 * a dump the JVM refuses (cut short) is never taken up; a command without a class path gets nothing.
 */
class ServiceArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theFirstStartDumpsTheNextUsesItAndABrokenDumpIsRefused() throws Exception {
        Path jar = helloJar();
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path cache = dir.resolve("cds");
        List<String> command = List.of(java, "-cp", jar.toString(), "Hello");

        List<String> first = ServiceArchive.options("hello", command, cache);
        assertEquals(2, first.size(), first.toString());
        assertTrue(first.get(0).startsWith("-XX:ArchiveClassesAtExit=" + cache), first.toString());
        Path dump = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));

        Files.writeString(dump, "not an archive: a dump cut short");
        List<String> refused = ServiceArchive.options("hello", command, cache);
        assertTrue(refused.get(0).startsWith("-XX:ArchiveClassesAtExit="), "a broken dump is not used: " + refused);
        Files.delete(dump);

        assertEquals(0, run(java, first, jar), "the first start dumps at exit");
        assertTrue(Files.size(dump) > 0);
        List<String> next = ServiceArchive.options("hello", command, cache);
        assertTrue(next.get(0).startsWith("-XX:SharedArchiveFile=" + cache), next.toString());
        List<String> onArchive = new ArrayList<>(next);
        onArchive.set(1, "-Xshare:on"); // fails to start unless the archive maps
        assertEquals(0, run(java, onArchive, jar), "the next start maps the archive");
        assertEquals(next, ServiceArchive.options("hello", command, cache), "and the one after that too");
        assertTrue(ServiceArchive.options("other", command, cache).get(0).startsWith("-XX:ArchiveClassesAtExit="),
                "another service has an archive of its own");
    }

    @Test
    void aCommandWithoutAClassPathOrWithAFolderOfClassesGetsNothing() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(classes.resolve("A.class"), "x");
        assertEquals(List.of(), ServiceArchive.options("s", List.of("node", "server.js"), dir));
        assertEquals(List.of(), ServiceArchive.options("s", List.of("java", "-jar", "app.jar"), dir));
        assertEquals(List.of(), ServiceArchive.options("s", List.of("java", "-cp", classes.toString(), "A"), dir));
        assertEquals(Optional.of("a.jar:b.jar"), ServiceArchive.classpath(List.of("java", "--class-path=a.jar:b.jar")));
        assertEquals(Optional.of("x.jar"), ServiceArchive.classpath(List.of("java", "-classpath", "x.jar", "M")));
    }

    private int run(String java, List<String> options, Path jar) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", jar.toString(), "Hello"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    /** A jar with one class whose main loads a few classes of its own and exits. */
    private Path helloJar() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("Hello.java"), "public class Hello { record Greeting(String to) { }"
                + " public static void main(String[] a) { System.out.println(new Greeting(\"world\")); } }");
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
