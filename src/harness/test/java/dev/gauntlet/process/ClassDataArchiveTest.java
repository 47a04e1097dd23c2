package dev.gauntlet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive of forked JVMs, with a real JVM: the first gate's JVMs record their classes, the second gate
 * dumps the archive, the next run maps them from it; an archive belongs to one JDK and one set of class-path files.
 */
class ClassDataArchiveTest {
    private static final List<String> MODULES = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED");

    @TempDir
    Path dir;

    private final String java = Workspace.current().java();

    /** A jar holding {@code hello.Hello} (prints "hello"), with a manifest naming {@code lib/extra.jar}. */
    private Path helloJar() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/hello"));
        Files.writeString(src.resolve("Hello.java"), """
                package hello;
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println("hello " + new java.util.concurrent.ConcurrentSkipListMap<String, String>());
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.resolve("Hello.java").toString()));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/extra.jar");
        Path jar = dir.resolve("hello.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.putNextEntry(new JarEntry("hello/Hello.class"));
            j.write(Files.readAllBytes(classes.resolve("hello/Hello.class")));
            j.closeEntry();
        }
        Files.createDirectories(dir.resolve("lib"));
        try (OutputStream out = Files.newOutputStream(dir.resolve("lib/extra.jar"));
             JarOutputStream ignored = new JarOutputStream(out, new Manifest())) {
            // an empty jar: named by the manifest, so part of what the archive belongs to
        }
        return jar;
    }

    private Workspace workspace(Path... classpath) {
        return new Workspace(dir, java, List.of(classpath));
    }

    /** Runs hello.Hello with {@code options}; returns its output with the class-loading log. */
    private String run(Path jar, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(MODULES);
        command.addAll(options);
        command.addAll(List.of("-Xlog:class+load=info", "-cp", jar.toString(), "hello.Hello"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static String helloLoad(String out) {
        return out.lines().filter(l -> l.contains(" hello.Hello ")).findFirst().orElse("");
    }

    @Test
    void theFirstJvmRecordsTheSecondStartsFromTheArchive() throws Exception {
        Path jar = helloJar();
        Path cache = dir.resolve("cache");
        ClassDataArchive archive = ClassDataArchive.of(workspace(jar), MODULES, cache);

        long firstGate = System.currentTimeMillis() - 1;
        List<String> recording = archive.options();
        assertEquals(1, recording.size(), recording.toString());
        assertTrue(recording.get(0).startsWith("-XX:DumpLoadedClassList=" + cache), recording.toString());
        String first = run(jar, recording);
        assertTrue(first.contains("hello {}"), first);
        assertTrue(helloLoad(first).contains("source: file:"), "read from the jar: " + helloLoad(first));
        run(jar, archive.options()); // a second JVM of the same gate records a list too

        List<String> said = new ArrayList<>();
        assertFalse(archive.write(said::add, firstGate), "the gate that recorded the lists writes no archive");
        assertEquals(List.of(), said, "and says nothing");
        assertFalse(Files.exists(archive.archive()));
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(1, left.filter(f -> f.toString().endsWith(".classlist")).count(), "one list is kept");
        }

        long secondGate = System.currentTimeMillis() + 1; // its JVMs would start from the list: it was recorded before
        assertTrue(archive.write(said::add, secondGate), "an archive was written: " + said);
        assertTrue(Files.isRegularFile(archive.archive()), said.toString());
        assertEquals(2, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("writing the class-data archive") && said.get(1).contains("written in"),
                said.toString());
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(archive.archive()), left.toList(), "the class lists are gone, the archive stays");
        }
        said.clear();
        assertFalse(archive.write(said::add, secondGate), "written once");
        assertEquals(List.of(), said, "and nothing said");

        List<String> using = archive.options();
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive.archive(), "-Xshare:auto"), using);
        String second = run(jar, using);
        assertTrue(second.contains("hello {}"), second);
        assertTrue(helloLoad(second).contains("shared objects file"), "mapped from the archive: " + helloLoad(second));
    }

    @Test
    void anArchiveBelongsToItsClassPathFilesAndTheJarsTheirManifestsName() throws Exception {
        Path jar = helloJar();
        String key = ClassDataArchive.key(workspace(jar), MODULES).orElseThrow();
        assertEquals(key, ClassDataArchive.key(workspace(jar), MODULES).orElseThrow(), "the same files, the same key");
        assertNotEquals(key, ClassDataArchive.key(workspace(jar), List.of()).orElseThrow(), "other module options");

        Path extra = dir.resolve("lib/extra.jar");
        Files.setLastModifiedTime(extra, FileTime.fromMillis(Files.getLastModifiedTime(extra).toMillis() - 60_000));
        String rebuilt = ClassDataArchive.key(workspace(jar), MODULES).orElseThrow();
        assertNotEquals(key, rebuilt, "a jar the manifest names changed");
        Files.writeString(jar, "rebuilt", StandardOpenOption.APPEND);
        assertNotEquals(rebuilt, ClassDataArchive.key(workspace(jar), MODULES).orElseThrow(), "the jar changed");
    }

    @Test
    void aFolderOfClassesOnTheClassPathIsNotArchivedAndNothingIsRecorded() throws Exception {
        Path jar = helloJar();
        Path classes = dir.resolve("classes");
        assertEquals(Optional.empty(), ClassDataArchive.key(workspace(jar, classes), MODULES));
        ClassDataArchive off = ClassDataArchive.of(workspace(jar, classes), MODULES, dir.resolve("cache"));
        assertEquals(List.of(), off.options());
        assertFalse(off.write(line -> { }, Long.MAX_VALUE));
        assertFalse(Files.exists(dir.resolve("cache")), "no cache folder made");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertTrue(ClassDataArchive.key(workspace(jar, empty), MODULES).isPresent(), "an empty folder holds nothing");
    }

    @Test
    void theGuardsClassesAndLambdaLinesAreLeftOutOfTheArchive() {
        List<String> recorded = List.of("java/lang/Object id: 0", "dev/gauntlet/guard/LoopbackAgent",
                "dev/gauntlet/guard/boot/LoopbackRegistry", "@lambda-proxy dev/gauntlet/guard/LoopbackAgent transform",
                "dev/gauntlet/load/LoadWorker");
        assertEquals(List.of("java/lang/Object id: 0", "dev/gauntlet/load/LoadWorker"),
                ClassDataArchive.archivable(recorded));
        recorded = List.of("java/lang/Object id: 0", "@lambda-proxy java/lang/Object run ()V",
                "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.Invokers$Holder");
        assertEquals(List.of("java/lang/Object id: 0"),
                ClassDataArchive.archivable(recorded));
    }

    @Test
    void aDumpThatFailsWritesNothingAndLeavesNothingBehind() throws Exception {
        Path jar = helloJar();
        Path cache = dir.resolve("cache");
        assertEquals(List.of(), ClassDataArchive.of(new Workspace(dir, dir.resolve("no-java").toString(),
                List.of(jar)), MODULES, cache).options(), "a java that cannot be told: off");
        List<String> refused = List.of("-XX:+NoSuchGauntletOption"); // the dump's JVM will not start
        ClassDataArchive archive = ClassDataArchive.of(workspace(jar), refused, cache);
        String list = archive.options().get(0).substring("-XX:DumpLoadedClassList=".length());
        Files.writeString(Path.of(list), "hello/Hello\n");
        List<String> said = new ArrayList<>();
        assertFalse(archive.write(said::add, Long.MAX_VALUE));
        assertTrue(said.get(said.size() - 1).contains("could not be written"), said.toString());
        assertFalse(Files.exists(archive.archive()));
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(), left.filter(f -> !f.getFileName().toString().endsWith(".dump.log")).toList(),
                    "no list, no partial archive");
        }
        assertEquals(List.of(), archive.options().stream().filter(o -> o.startsWith("-XX:SharedArchiveFile")).toList());
    }
}
