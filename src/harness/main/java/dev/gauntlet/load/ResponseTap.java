package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.http.response.Response;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps what the gate checks after the load: every write (POST/PUT/PATCH/DELETE) with its answer, in
 * {@value #WRITES} — the durability check reads acknowledged resources back — and a sample of all answers with
 * their bodies, in {@value #SAMPLES} — the conformance check matches them against the contracts.
 *
 * <p>The hot path ({@link #observe}) only copies a few references into a queue; a daemon thread turns them into JSON
 * lines off the load's threads. Sampling keeps every answer up to {@code perSecond} per operation and second, then
 * {@code share} of the rest. Both files are bounded in count; what was cut is counted in {@value #SUMMARY}.
 */
final class ResponseTap implements AutoCloseable {
    /** One JSON line per write: time, operation, method, path, status, Location, body (no Location), credentials. */
    static final String WRITES = RunFiles.WRITES;
    /** One JSON line per sampled answer: time, operation, path, credentials, status, headers, body. */
    static final String SAMPLES = RunFiles.SAMPLES;
    /** What was logged and what was cut. */
    static final String SUMMARY = RunFiles.TAP_SUMMARY;
    private static final int MAX_OPERATIONS = 64;
    private static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path out;
    private final boolean writes;
    private final int perSecond;
    private final double share;
    private final long maxWrites;
    private final long maxSamples;
    private final Queue<Map<String, Object>> writeQueue = new ConcurrentLinkedQueue<>();
    private final Queue<Map<String, Object>> sampleQueue = new ConcurrentLinkedQueue<>();
    private final AtomicLong writesLogged = new AtomicLong();
    private final AtomicLong writesCut = new AtomicLong();
    private final AtomicLong samplesLogged = new AtomicLong();
    private final AtomicLong samplesCut = new AtomicLong();
    private final AtomicLongArray second = new AtomicLongArray(MAX_OPERATIONS);
    private final AtomicIntegerArray inSecond = new AtomicIntegerArray(MAX_OPERATIONS);
    private Thread drainer;
    private BufferedWriter writeFile;
    private BufferedWriter sampleFile;
    private volatile boolean closed;

    /**
     * @param writes     whether to log writes (durability)
     * @param perSecond  answers kept per operation and second before sampling by {@code share}; 0 = no samples
     * @param share      share (0..1) of the answers beyond {@code perSecond} that are kept
     * @param maxWrites  most write lines
     * @param maxSamples most sample lines
     */
    ResponseTap(Path out, boolean writes, int perSecond, double share, long maxWrites, long maxSamples) {
        this.out = out;
        this.writes = writes;
        this.perSecond = perSecond;
        this.share = share;
        this.maxWrites = maxWrites;
        this.maxSamples = maxSamples;
    }

    /** From {@code gauntlet.tap.*} system properties (the gate sets them); everything off when absent. */
    static ResponseTap fromProperties(Properties p, Path out) {
        return new ResponseTap(out, Boolean.parseBoolean(p.getProperty("gauntlet.tap.writes", "false")),
                Integer.parseInt(p.getProperty("gauntlet.tap.perSecond", "0")),
                Double.parseDouble(p.getProperty("gauntlet.tap.share", "0")),
                Long.parseLong(p.getProperty("gauntlet.tap.maxWrites", "100000")),
                Long.parseLong(p.getProperty("gauntlet.tap.maxSamples", "20000")));
    }

    /** Whether anything is tapped at all (else {@link LoadRun#request} adds no hook). */
    boolean active() {
        return writes || perSecond > 0 || share > 0;
    }

    /** Whether answers of this method are logged as writes. */
    boolean logsWrites(String method) {
        return writes && isWrite(method);
    }

    static boolean isWrite(String method) {
        return switch (method) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    /** Called for every answer of a tapped request (on Gatling's threads: keep it short). */
    void observe(int op, String operation, String method, Response response) {
        long now = System.currentTimeMillis();
        int status = response.status().code();
        boolean write = logsWrites(method) && (status >= 200 && status < 300 || status >= 500);
        boolean sample = sample(op, now);
        if (!write && !sample) {
            return;
        }
        start();
        HttpHeaders headers = response.headers();
        String location = write ? headers.get("Location") : null;
        // the body only when it is needed: a sample, or a write whose answer names no Location
        String body = (sample || write && location == null) && response.body().length() <= MAX_BODY
                ? response.body().string() : null;
        if (write) {
            if (writesLogged.incrementAndGet() > maxWrites) {
                writesLogged.decrementAndGet();
                writesCut.incrementAndGet();
            } else {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("t", now);
                w.put("operation", operation);
                w.put("method", method);
                w.put("path", response.request().getUri().toRelativeUrl());
                w.put("status", status);
                if (location != null) {
                    w.put("location", location);
                } else if (body != null) {
                    w.put("body", body);
                }
                w.put("credentials", credentials(response.request().getHeaders()));
                writeQueue.add(w);
            }
        }
        if (sample) {
            if (samplesLogged.incrementAndGet() > maxSamples) {
                samplesLogged.decrementAndGet();
                samplesCut.incrementAndGet();
            } else {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("t", now);
                s.put("operation", operation);
                s.put("path", response.request().getUri().toRelativeUrl());
                s.put("credentials", credentials(response.request().getHeaders()));
                s.put("status", status);
                Map<String, String> h = new LinkedHashMap<>();
                headers.forEach(e -> h.putIfAbsent(e.getKey(), e.getValue()));
                s.put("headers", h);
                s.put("body", body);
                sampleQueue.add(s);
            }
        }
    }

    /** A write that got no answer at all (refused, reset, timed out): indeterminate. */
    void noAnswer(String operation, String method, long startMillis) {
        if (!logsWrites(method)) {
            return;
        }
        if (writesLogged.incrementAndGet() > maxWrites) {
            writesLogged.decrementAndGet();
            writesCut.incrementAndGet();
            return;
        }
        start();
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("t", startMillis);
        w.put("operation", operation);
        w.put("method", method);
        w.put("status", 0);
        writeQueue.add(w);
    }

    private boolean sample(int op, long now) {
        if (op >= MAX_OPERATIONS || (perSecond <= 0 && share <= 0)) {
            return false;
        }
        long s = now / 1000;
        long seen = second.get(op);
        if (seen != s && second.compareAndSet(op, seen, s)) {
            inSecond.set(op, 0);
        }
        if (inSecond.incrementAndGet(op) <= perSecond) {
            return true;
        }
        return share > 0 && ThreadLocalRandom.current().nextDouble() < share;
    }

    /** Headers that carry who sent the request, so the gate reads back as the writer. */
    private static Map<String, String> credentials(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach(e -> {
            if (CredentialHeaders.carriesCredentials(e.getKey())) {
                out.putIfAbsent(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private void start() {
        if (drainer != null || closed) {
            return;
        }
        synchronized (this) {
            if (drainer != null || closed) {
                return;
            }
            try {
                Files.createDirectories(out);
                writeFile = Files.newBufferedWriter(out.resolve(WRITES), StandardCharsets.UTF_8);
                sampleFile = Files.newBufferedWriter(out.resolve(SAMPLES), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out.resolve(WRITES), e);
            }
            Thread t = new Thread(() -> {
                while (!closed) {
                    drain();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "gauntlet-response-tap");
            t.setDaemon(true);
            t.start();
            drainer = t;
        }
    }

    private synchronized void drain() {
        if (writeFile == null) {
            return;
        }
        try {
            Map<String, Object> m;
            while ((m = writeQueue.poll()) != null) {
                writeFile.write(JSON.writeValueAsString(m));
                writeFile.write('\n');
            }
            while ((m = sampleQueue.poll()) != null) {
                sampleFile.write(JSON.writeValueAsString(m));
                sampleFile.write('\n');
            }
            writeFile.flush();
            sampleFile.flush();
        } catch (IOException e) {
            System.err.println("could not write the response tap: " + e.getMessage());
        }
    }

    /** Writes what is queued and the summary. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (drainer != null) {
            drainer.interrupt();
        }
        drain();
        try {
            if (writeFile != null) {
                writeFile.close();
                sampleFile.close();
            }
            if (active()) {
                Files.createDirectories(out);
                JSON.writeValue(out.resolve(SUMMARY).toFile(), Map.of("writesLogged", writesLogged.get(),
                        "writesCut", writesCut.get(), "samplesLogged", samplesLogged.get(), "samplesCut",
                        samplesCut.get(), "maxWrites", maxWrites, "maxSamples", maxSamples));
            }
        } catch (IOException e) {
            System.err.println("could not finish the response tap: " + e.getMessage());
        }
    }
}
