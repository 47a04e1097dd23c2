package dev.gauntlet.environment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Polls a service's health URL from the gate's JVM until it answers 2xx; shared by every kind of environment. */
final class Health {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Health() {
    }

    /**
     * Returns once {@code health} answers HTTP 2xx.
     *
     * @param exited  null while the service runs, else what happened to it (e.g. "exited with code 1"): checked
     *                before every attempt, so a service that dies fails the wait at once
     * @param logTail the service's last log lines, for the exception
     * @throws EnvironmentException when the service ended, the timeout passed or the wait was interrupted
     */
    static void await(String service, URI health, Duration timeout, Supplier<String> exited, Supplier<String> logTail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            String ended = exited.get();
            if (ended != null) {
                throw new EnvironmentException(service, ended + " before " + health + " answered", logTail.get());
            }
            try {
                HttpResponse<Void> r = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException(service, "start was interrupted", logTail.get());
            }
            sleep(service, logTail);
        }
        throw new EnvironmentException(service, "did not become healthy within " + timeout.toSeconds()
                + " s: " + health + " should answer HTTP 2xx, last: " + last, logTail.get());
    }

    private static void sleep(String service, Supplier<String> logTail) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException(service, "start was interrupted", logTail.get());
        }
    }
}
