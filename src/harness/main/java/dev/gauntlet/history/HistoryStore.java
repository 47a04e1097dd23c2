package dev.gauntlet.history;

import dev.gauntlet.files.RunFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.slo.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The history folder: one small JSON file per run ({@code <started>-<run id>.json}), each latency histogram
 * compressed (HdrHistogram's compressed encoding, base64). Written whole or not at all (a temporary file moved into
 * place); a file that cannot be read is skipped with a note, never a failure.
 */
public final class HistoryStore {
    /** The version of the file format this code writes and reads. */
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    public HistoryStore(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Appends {@code run}; returns the file written. */
    public Path append(RunRecord run) throws IOException {
        Files.createDirectories(folder);
        String name = RunFiles.historyFile(run.started(), run.id());
        Path file = folder.resolve(name);
        Path tmp = folder.resolve(RunFiles.historyTemp(name));
        Files.write(tmp, JSON.writeValueAsBytes(toJson(run)));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * The last {@code limit} runs of {@code environment} with plan fingerprint {@code plan}, oldest first; files that
     * cannot be read are skipped and told to {@code notes}.
     */
    public List<RunRecord> comparable(String environment, String plan, int limit, Consumer<String> notes) {
        List<RunRecord> out = new ArrayList<>();
        for (RunRecord r : readAll(notes)) {
            if (r.environment().equals(environment) && r.plan().equals(plan)) {
                out.add(r);
            }
        }
        return List.copyOf(out.subList(Math.max(0, out.size() - limit), out.size()));
    }

    /** Every readable run in the folder, oldest first. */
    public List<RunRecord> readAll(Consumer<String> notes) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(RunFiles::isHistoryFile)
                    .sorted().toList();
        } catch (IOException e) {
            notes.accept("history: cannot list " + folder + " (" + e.getMessage() + "); comparing with no earlier run");
            return List.of();
        }
        List<RunRecord> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(fromJson(JSON.readTree(Files.readAllBytes(f))));
            } catch (IOException | RuntimeException e) {
                notes.accept("history: skipped " + f + ", not a readable run record (" + e.getMessage() + ")");
            }
        }
        out.sort(Comparator.comparing(RunRecord::started));
        return out;
    }

    static ObjectNode toJson(RunRecord run) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("id", run.id());
        o.put("started", run.started().toString());
        o.put("environment", run.environment());
        o.put("plan", run.plan());
        if (run.calibration() != null) {
            o.putObject("calibration").put("loopbackMicros", run.calibration().loopbackMicros())
                    .put("cpuMillis", run.calibration().cpuMillis());
        }
        o.put("verdict", run.verdict().name());
        ArrayNode cells = o.putArray("cells");
        for (RunRecord.Cell c : run.cells()) {
            cells.addObject().put("operation", c.operation()).put("phase", c.phase()).put("requests", c.requests())
                    .put("errors", c.errors()).put("rateLimited", c.rateLimited()).put("latency", encode(c.latency()));
        }
        ArrayNode results = o.putArray("objectives");
        for (RunRecord.Result r : run.objectives()) {
            ObjectNode n = results.addObject().put("name", r.name()).put("kind", r.kind()).put("phase", r.phase())
                    .put("operation", r.operation()).put("status", r.status().name()).put("unit", r.unit());
            if (r.measured() != null) {
                n.put("measured", r.measured());
            }
        }
        return o;
    }

    static RunRecord fromJson(JsonNode o) {
        int format = o.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IllegalArgumentException("format " + o.path("format") + ", this gauntlet reads format " + FORMAT);
        }
        JsonNode cal = o.get("calibration");
        Calibration calibration = cal == null || cal.isNull() ? null
                : new Calibration(cal.path("loopbackMicros").asDouble(), cal.path("cpuMillis").asDouble());
        List<RunRecord.Cell> cells = new ArrayList<>();
        for (JsonNode c : o.withArray("cells")) {
            cells.add(new RunRecord.Cell(required(c, "operation"), required(c, "phase"), decode(required(c, "latency")),
                    c.path("requests").asLong(), c.path("errors").asLong(), c.path("rateLimited").asLong()));
        }
        List<RunRecord.Result> results = new ArrayList<>();
        for (JsonNode r : o.withArray("objectives")) {
            results.add(new RunRecord.Result(required(r, "name"), r.path("kind").asText(), r.path("phase").asText(),
                    r.path("operation").asText(), Status.valueOf(required(r, "status")),
                    r.hasNonNull("measured") ? r.get("measured").asDouble() : null, r.path("unit").asText()));
        }
        return new RunRecord(required(o, "id"), Instant.parse(required(o, "started")), required(o, "environment"),
                required(o, "plan"), calibration, Status.valueOf(required(o, "verdict")), cells, results);
    }

    private static String required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("no '" + field + "'");
        }
        return v.asText();
    }

    static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(
                    base64.getBytes(StandardCharsets.US_ASCII))), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("a latency histogram is damaged: " + e.getMessage(), e);
        }
    }
}
