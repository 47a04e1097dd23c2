package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load.simulation} by simple name: found on the worker's class path wherever it is, or a clear error. */
class SimulationsTest {
    @TempDir
    Path dir;

    private Path classFile(String folder, String className) throws IOException {
        Path root = dir.resolve(folder);
        Path f = root.resolve(className.replace('.', '/') + ".class");
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[] {(byte) 0xCA, (byte) 0xFE});
        return root;
    }

    private Path jar(String name, String className) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry(className.replace('.', '/') + ".class"));
            j.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            j.closeEntry();
        }
        return jar;
    }

    @Test
    void aSimpleNameIsFoundInAnyPackageOfAClassFolder() throws IOException {
        Path testClasses = classFile("test-classes", "com.acme.load.SpikeSimulation");
        classFile("test-classes", "com.acme.load.SpikeSimulation$1");
        Path classes = classFile("classes", "com.acme.Api");
        assertEquals("com.acme.load.SpikeSimulation",
                Simulations.resolve("SpikeSimulation", List.of(classes, testClasses, dir.resolve("missing.jar"))));
    }

    @Test
    void twoClassesOfThatNameAreAnError() throws IOException {
        Path a = classFile("a", "com.acme.SpikeSimulation");
        Path b = classFile("b", "org.other.SpikeSimulation");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulations.resolve("SpikeSimulation", List.of(a, b)));
        assertTrue(e.getMessage().startsWith("load.simulation:") && e.getMessage().contains("ambiguous")
                && e.getMessage().contains("com.acme.SpikeSimulation") && e.getMessage().contains("org.other.SpikeSimulation"),
                e.getMessage());
    }

    @Test
    void withoutAFolderHoldingItTheSimulationsPackageIsTriedAlsoInJars() throws IOException {
        Path jar = jar("app.jar", "simulations.SpikeSimulation");
        Path classes = classFile("classes", "com.acme.Api");
        assertEquals("simulations.SpikeSimulation", Simulations.resolve("SpikeSimulation", List.of(classes, jar)));
    }

    @Test
    void fullNamesAreUsedAsIsWhenTheyExist() throws IOException {
        Path jar = jar("app.jar", "com.acme.perf.Soak");
        assertEquals("com.acme.perf.Soak", Simulations.resolve("com.acme.perf.Soak", List.of(jar)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulations.resolve("com.acme.perf.Missing", List.of(jar)));
        assertTrue(e.getMessage().startsWith("load.simulation: no class com.acme.perf.Missing"), e.getMessage());
    }

    @Test
    void aMissingSimulationNamesTheFieldAndWhereItLooked() throws IOException {
        Path classes = classFile("classes", "com.acme.Api");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulations.resolve("SpikeSimulaton", List.of(classes)));
        assertTrue(e.getMessage().startsWith("load.simulation: no class SpikeSimulaton")
                && e.getMessage().contains("simulations.SpikeSimulaton"), e.getMessage());
    }
}
