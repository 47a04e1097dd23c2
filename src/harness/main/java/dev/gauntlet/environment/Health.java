package dev.gauntlet.environment;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Polls a service's {@link Readiness} from the gate's JVM until it holds; shared by every kind of environment, each
 * of which says how one attempt is made ({@link Attempt}).
 */
final class Health {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Health() {
    }

    /** One readiness attempt: null when ready, else what was seen (e.g. {@code HTTP 503}, {@code exit 2}). */
    interface Attempt {
        String tryOnce() throws InterruptedException;
    }

    /** {@code GET health} answers 2xx. */
    static Attempt http(URI health) {
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
        return () -> {
            try {
                HttpResponse<Void> r = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                return r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode();
            } catch (IOException e) {
                return e.getClass().getSimpleName();
            }
        };
    }

    /** A TCP connect to 127.0.0.1:{@code port} is accepted (and closed again at once). */
    static Attempt port(int port) {
        return () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return null;
            } catch (ConnectException e) {
                return "connect refused";
            } catch (IOException e) {
                return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        };
    }

    /**
     * The attempt that checks {@code readiness} of the service at {@code url}; {@code command} makes the attempt of
     * a readiness command (where it runs depends on the environment).
     */
    static Attempt of(Readiness readiness, URI url, Function<List<String>, Attempt> command) {
        if (readiness instanceof Readiness.Http h) {
            return http(url.resolve(h.path()));
        }
        if (readiness instanceof Readiness.Port) {
            return port(url.getPort());
        }
        return command.apply(((Readiness.Command) readiness).command());
    }

    /**
     * A command run on this machine in {@code dir}: ready when it exits 0 within 10 s (else it is killed); what it
     * printed last (kept in a temporary file, so a command that prints nothing and never ends cannot block the wait)
     * says why not.
     */
    static Attempt localCommand(List<String> command, Path dir) {
        return () -> {
            Path out;
            Process p;
            try {
                out = Files.createTempFile("gauntlet-ready-", ".out");
                p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
            } catch (IOException e) {
                return "cannot run " + command.get(0) + ": " + e.getMessage();
            }
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    return "still running after 10 s";
                }
                String printed = Files.readString(out).strip();
                return p.exitValue() == 0 ? null : "exit " + p.exitValue() + (printed.isEmpty() ? "" : ": " + lastLine(printed));
            } catch (IOException e) {
                return "exit " + p.exitValue();
            } finally {
                p.destroyForcibly();
                out.toFile().delete();
            }
        };
    }

    static String lastLine(String out) {
        String s = out.strip();
        return s.substring(s.lastIndexOf('\n') + 1);
    }

    /**
     * Returns once {@code attempt} finds the service ready.
     *
     * @param target  what readiness means, e.g. {@code http://127.0.0.1:4711/health should answer HTTP 2xx}
     * @param exited  null while the service runs, else what happened to it (e.g. "exited with code 1"): checked
     *                before every attempt, so a service that dies fails the wait at once
     * @param logTail the service's last log lines, for the exception
     * @throws EnvironmentException when the service ended, the timeout passed or the wait was interrupted
     */
    static void await(String service, String target, Attempt attempt, Duration timeout, Supplier<String> exited,
                      Supplier<String> logTail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            String ended = exited.get();
            if (ended != null) {
                throw new EnvironmentException(service, ended + " before it was ready (" + target + ")", logTail.get());
            }
            try {
                String seen = attempt.tryOnce();
                if (seen == null) {
                    return;
                }
                last = seen;
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException(service, "start was interrupted", logTail.get());
            }
        }
        throw new EnvironmentException(service, "did not become ready within " + timeout.toSeconds()
                + " s: " + target + ", last: " + last, logTail.get());
    }
}
