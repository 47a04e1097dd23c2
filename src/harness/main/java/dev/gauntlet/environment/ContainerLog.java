package dev.gauntlet.environment;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.testcontainers.containers.output.OutputFrame;

/** A container's output (stdout and stderr) appended to {@code RUN/services/<name>.log}, across restarts. */
final class ContainerLog implements Consumer<OutputFrame>, Closeable {
    private final Path file;
    private final OutputStream out;
    private Closeable following;

    ContainerLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Testcontainers' log consumer: the output of the first start. */
    @Override
    public void accept(OutputFrame frame) {
        write(frame.getBytes());
    }

    /** A line of the harness's own, e.g. what a fault did. */
    void note(String line) {
        write(("[gauntlet] " + line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Follows the output of a container started again, from {@code sinceEpochSecond} on. */
    synchronized void follow(DockerClient docker, String id, int sinceEpochSecond) {
        closeFollowing();
        following = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                .withSince(sinceEpochSecond).exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        write(frame.getPayload());
                    }
                });
    }

    private synchronized void write(byte[] bytes) {
        if (bytes == null) {
            return;
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException ignored) {
            // a full disk must not stop the service; the log is evidence, not a dependency
        }
    }

    private void closeFollowing() {
        if (following != null) {
            try {
                following.close();
            } catch (IOException ignored) {
                // the stream ends with the container anyway
            }
            following = null;
        }
    }

    @Override
    public synchronized void close() {
        closeFollowing();
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing left to save
        }
    }
}
