package dev.gauntlet.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.contract.ContractResponses;
import dev.gauntlet.files.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches the sampled answers against the contracts while the load runs, as the load worker writes them: Pact's
 * matching costs about a millisecond an answer once compiled and several times that before, which after the load
 * would keep the verdict waiting (4,000 answers: 6 s). One thread, reading the samples file's complete lines every
 * {@value #POLL_MILLIS} ms; the gate's JVM is otherwise idle during the load, the API and the load worker have the
 * other core. What it matched, {@link Conformance#check} does not match again; what it did not reach (the last
 * lines, a line it could not match) is matched after the load as before. Its memo is bounded in characters.
 */
public final class Prematch {
    private static final long POLL_MILLIS = 250;
    /** Keys (operation, status, expected headers, body) kept at most, in characters. */
    private static final long MAX_CHARS = 32L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContractResponses contracts;
    private final Path file;
    private final Map<String, List<ContractResponses.Breach>> matched = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile boolean stopped;
    private long offset;
    private long chars;

    private Prematch(ContractResponses contracts, Path loadDir) {
        this.contracts = contracts;
        this.file = loadDir.resolve(RunFiles.SAMPLES);
        this.thread = new Thread(this::run, "gauntlet-conformance-prematch");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /** Starts matching what the load worker samples into {@code loadDir}. */
    public static Prematch start(ContractResponses contracts, Path loadDir) {
        Prematch p = new Prematch(contracts, loadDir);
        p.thread.start();
        return p;
    }

    /** Stops (the load is over) and returns what was matched, by {@link Conformance#key}. Idempotent. */
    public Map<String, List<ContractResponses.Breach>> stop() {
        stopped = true;
        try {
            thread.join(5_000); // at most the line it is matching
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.copyOf(matched);
    }

    /** How many distinct answers are matched so far. */
    int matchedSoFar() {
        return matched.size();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        while (!stopped) {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                int n;
                while (!stopped && (n = in.read(buffer.clear(), offset)) > 0) {
                    offset += n;
                    lines(buffer.array(), n);
                }
            } catch (NoSuchFileException e) {
                // nothing sampled yet
            } catch (IOException | RuntimeException e) {
                return; // the check after the load matches everything itself
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Matches the complete lines among {@code n} new bytes; a line's start without its end waits for the rest. */
    private void lines(byte[] bytes, int n) {
        int start = 0;
        for (int i = 0; i < n && !stopped; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            partial.write(bytes, start, i - start);
            String line = partial.toString(StandardCharsets.UTF_8);
            partial.reset();
            start = i + 1;
            match(line);
        }
        if (!stopped) {
            partial.write(bytes, start, n - start);
        }
    }

    private void match(String line) {
        if (chars > MAX_CHARS) {
            return;
        }
        try {
            JsonNode n = JSON.readTree(line);
            String operation = n.path("operation").asText();
            int status = n.path("status").asInt();
            if (!contracts.expects(operation, status)) {
                return;
            }
            Map<String, String> headers = Conformance.headers(n);
            String body = Conformance.body(n);
            String key = Conformance.key(contracts, operation, status, headers, body);
            if (!matched.containsKey(key)) {
                matched.put(key, contracts.breaches(operation, status, headers, body));
                chars += key.length();
            }
        } catch (IOException | RuntimeException e) {
            // left to the check after the load, which says what went wrong
        }
    }
}
