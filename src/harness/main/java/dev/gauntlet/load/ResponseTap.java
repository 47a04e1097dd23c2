package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.http.client.Request;
import io.gatling.http.response.Response;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps what the gate checks after the load: every write (POST/PUT/PATCH/DELETE) with its answer, in
 * {@value #WRITES} — the durability check reads acknowledged resources back — and a sample of all answers with
 * their bodies, in {@value #SAMPLES} — the conformance check matches them against the contracts.
 *
 * <p>The hot path ({@link #observe}) decides whether an answer is kept before it copies anything, then queues a small
 * record; a daemon thread turns the records into JSON lines off the load's threads. Sampling keeps every answer up to
 * {@code perSecond} per operation and second, then {@code share} of the rest. Both files are bounded in count; what
 * was cut is counted in {@value #SUMMARY}.
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
    /** Characters beyond the BMP as UTF-8 bytes (as a Writer would), not as two escapes. */
    private static final JsonFactory LINES = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private final Path out;
    private final boolean writes;
    private final int perSecond;
    private final double share;
    private final long maxWrites;
    private final long maxSamples;
    private final Queue<Line> writeQueue = new ConcurrentLinkedQueue<>();
    private final Queue<Line> sampleQueue = new ConcurrentLinkedQueue<>();
    private final AtomicLong writesLogged = new AtomicLong();
    private final LongAdder writesCut = new LongAdder();
    private final AtomicLong samplesLogged = new AtomicLong();
    private final LongAdder samplesCut = new LongAdder();
    private final AtomicLongArray second = new AtomicLongArray(MAX_OPERATIONS);
    private final AtomicIntegerArray inSecond = new AtomicIntegerArray(MAX_OPERATIONS);
    private Thread drainer;
    /** Whether a request header name carries credentials, decided once per name (drainer only). */
    private final Map<String, Boolean> credentialNames = new HashMap<>();
    /** One line at a time (drainer only): a line that cannot be written is left out whole, never half. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private JsonGenerator json;
    private OutputStream writeFile;
    private OutputStream sampleFile;
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

    /**
     * Called for every answer of a tapped request (on Gatling's threads: keep it short). Whether the answer is kept
     * is decided first — sampling, then the bounds — so an answer over a bound costs two counters and nothing is
     * copied; a kept one costs its body (its buffers are released after the response) and a small record; the path,
     * credentials, headers and JSON are made on the drainer's thread.
     */
    void observe(int op, String operation, String method, Response response) {
        long now = System.currentTimeMillis();
        int status = response.status().code();
        boolean write = logsWrites(method) && (status >= 200 && status < 300 || status >= 500);
        boolean sample = sample(op, now);
        if (!write && !sample) {
            return;
        }
        start();
        write = write && reserve(writesLogged, maxWrites, writesCut);
        sample = sample && reserve(samplesLogged, maxSamples, samplesCut);
        if (!write && !sample) {
            return;
        }
        HttpHeaders headers = response.headers();
        String location = write ? headers.get("Location") : null;
        // the body only when it is needed: a sample, or a write whose answer names no Location
        String body = (sample || write && location == null) && response.body().length() <= MAX_BODY
                ? response.body().string() : null;
        if (write) {
            writeQueue.add(new Line(now, operation, method, response.request(), status, null, location, body));
        }
        if (sample) {
            sampleQueue.add(new Line(now, operation, null, response.request(), status, headers, null, body));
        }
    }

    /** A write that got no answer at all (refused, reset, timed out): indeterminate. */
    void noAnswer(String operation, String method, long startMillis) {
        if (!logsWrites(method) || !reserve(writesLogged, maxWrites, writesCut)) {
            return;
        }
        start();
        writeQueue.add(new Line(startMillis, operation, method, null, 0, null, null, null));
    }

    /** Takes one of {@code max} places, or counts the line as cut: exact under any number of threads. */
    private static boolean reserve(AtomicLong logged, long max, LongAdder cut) {
        long n;
        do {
            n = logged.get();
            if (n >= max) {
                cut.increment();
                return false;
            }
        } while (!logged.compareAndSet(n, n + 1));
        return true;
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
        // once this second's allowance is taken, the counter is only read (no write the threads contend on)
        if (inSecond.get(op) < perSecond && inSecond.incrementAndGet(op) <= perSecond) {
            return true;
        }
        return share > 0 && ThreadLocalRandom.current().nextDouble() < share;
    }

    /**
     * One kept answer as queued: a write (method set; request null for no answer) or a sample (headers set). The
     * request and the answer's headers are not changed once the answer is in.
     */
    private record Line(long t, String operation, String method, Request request, int status, HttpHeaders headers,
                        String location, String body) {
    }

    /** A write line: time, operation, method, path, status, Location or body, credentials (no answer: no path). */
    private void writeLine(JsonGenerator g, Line w) throws IOException {
        g.writeStartObject();
        g.writeNumberField("t", w.t());
        g.writeStringField("operation", w.operation());
        g.writeStringField("method", w.method());
        if (w.request() != null) {
            g.writeStringField("path", w.request().getUri().toRelativeUrl());
        }
        g.writeNumberField("status", w.status());
        if (w.request() != null) {
            if (w.location() != null) {
                g.writeStringField("location", w.location());
            } else if (w.body() != null) {
                g.writeStringField("body", w.body());
            }
            writeMap(g, "credentials", credentials(w.request().getHeaders()));
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /** A sample line: time, operation, path, credentials, status, headers (first of each name), body (or null). */
    private void sampleLine(JsonGenerator g, Line s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("t", s.t());
        g.writeStringField("operation", s.operation());
        g.writeStringField("path", s.request().getUri().toRelativeUrl());
        writeMap(g, "credentials", credentials(s.request().getHeaders()));
        g.writeNumberField("status", s.status());
        Map<String, String> h = new LinkedHashMap<>();
        s.headers().forEach(e -> h.putIfAbsent(e.getKey(), e.getValue()));
        writeMap(g, "headers", h);
        g.writeStringField("body", s.body());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void writeMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : map.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Headers that carry who sent the request, so the gate reads back as the writer (drainer only). */
    private Map<String, String> credentials(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : headers) {
            Boolean known = credentialNames.get(e.getKey());
            if (known == null) {
                known = CredentialHeaders.carriesCredentials(e.getKey());
                if (credentialNames.size() < 1024) { // header names are few; bounded all the same
                    credentialNames.put(e.getKey(), known);
                }
            }
            if (known) {
                out.putIfAbsent(e.getKey(), e.getValue());
            }
        }
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
                writeFile = new BufferedOutputStream(Files.newOutputStream(out.resolve(WRITES)), 1 << 16);
                sampleFile = new BufferedOutputStream(Files.newOutputStream(out.resolve(SAMPLES)), 1 << 16);
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

    /**
     * Appends one JSON line to {@code file}: streamed as UTF-8 bytes (no map, no string per line, no separate char
     * encoding) into a buffer first, so that a line that cannot be written is left out whole.
     */
    private void append(OutputStream file, Line l, boolean sample) throws IOException {
        line.reset();
        try {
            if (json == null) {
                json = LINES.createGenerator(line, JsonEncoding.UTF8);
                json.setRootValueSeparator(null);
            }
            if (sample) {
                sampleLine(json, l);
            } else {
                writeLine(json, l);
            }
            json.flush();
        } catch (IOException | RuntimeException e) {
            json = null; // its state is mid-line: start afresh
            System.err.println("could not write a line of the response tap: " + e.getMessage());
            return;
        }
        line.writeTo(file);
    }

    private synchronized void drain() {
        if (writeFile == null) {
            return;
        }
        try {
            Line l;
            while ((l = writeQueue.poll()) != null) {
                append(writeFile, l, false);
            }
            while ((l = sampleQueue.poll()) != null) {
                append(sampleFile, l, true);
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
                        "writesCut", writesCut.sum(), "samplesLogged", samplesLogged.get(), "samplesCut",
                        samplesCut.sum(), "maxWrites", maxWrites, "maxSamples", maxSamples));
            }
        } catch (IOException e) {
            System.err.println("could not finish the response tap: " + e.getMessage());
        }
    }
}
