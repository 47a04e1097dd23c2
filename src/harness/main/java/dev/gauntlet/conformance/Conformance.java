package dev.gauntlet.conformance;

import dev.gauntlet.files.RunFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gauntlet.contract.ContractResponses;
import dev.gauntlet.load.Timeline;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Contracts hold under load and faults: the answers the load worker sampled ({@code RUN/load/samples.jsonl}) are
 * matched against every consumer's expectation for their operation and status, with Pact's own response matching.
 * One objective per scored phase; a 2xx that breaks a contract is also an error for that phase's error budget
 * ({@link Result#brokenSuccesses()}). Answers whose status no interaction expects (a 429, a degraded 202) are
 * counted as not judged.
 */
public final class Conformance {
    /** Evidence of the check in the run folder. */
    public static final String FILE = RunFiles.CONFORMANCE;
    private static final int EXAMPLES = 3;
    /** Matching stops after this long; the rest of the samples is counted as cut. */
    static final java.time.Duration TIME_LIMIT = java.time.Duration.ofSeconds(60);
    private static final int MEMO = 5_000;
    /** Answers read and matched at a time (bounded memory; the distinct ones of a batch matched in parallel). */
    private static final int BATCH = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Conformance() {
    }

    /**
     * @param objectives      one per scored phase
     * @param brokenSuccesses 2xx answers that broke a contract, by {@code operation|phase}
     */
    public record Result(List<ObjectiveResult> objectives, Map<String, Long> brokenSuccesses) {
        public Result {
            objectives = List.copyOf(objectives);
            brokenSuccesses = Map.copyOf(brokenSuccesses);
        }
    }

    private static final class Phase {
        long checked;
        long broken;
        long brokenPending;
        long notJudged;
        long cut;
        final List<String> examples = new ArrayList<>();
    }

    public static Result check(ConformanceSpec spec, Path loadDir, ContractResponses contracts, Timeline timeline,
                               Path runDir) throws IOException {
        return check(spec, loadDir, contracts, timeline, runDir, Map.of());
    }

    /**
     * As {@link #check(ConformanceSpec, Path, ContractResponses, Timeline, Path)}, with the answers {@code matched}
     * already (by their {@link #key}: a {@link Prematch} during the load) not matched again.
     */
    public static Result check(ConformanceSpec spec, Path loadDir, ContractResponses contracts, Timeline timeline,
                               Path runDir, Map<String, List<ContractResponses.Breach>> matched) throws IOException {
        long started = System.currentTimeMillis();
        long deadline = started + TIME_LIMIT.toMillis();
        Map<String, List<ContractResponses.Breach>> seen = new HashMap<>(matched);
        Path file = loadDir.resolve(RunFiles.SAMPLES);
        Map<String, Phase> phases = new LinkedHashMap<>();
        timeline.windows().stream().filter(Timeline.Window::scored).forEach(w -> phases.put(w.name(), new Phase()));
        Tally tally = new Tally(phases);
        if (Files.exists(file)) {
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "gauntlet-conformance");
                t.setDaemon(true);
                return t;
            });
            try (BufferedReader in = Files.newBufferedReader(file)) {
                List<Sample> batch;
                while (!(batch = batch(in, timeline, phases, contracts)).isEmpty()) {
                    match(batch, contracts, seen, deadline, pool);
                    batch.forEach(tally::add);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        double seconds = Math.round((System.currentTimeMillis() - started) / 100.0) / 10.0;
        List<ObjectiveResult> out = new ArrayList<>();
        phases.forEach((phase, p) -> out.add(result(spec, phase, p, seconds)));
        JSON.writeValue(runDir.resolve(FILE).toFile(), Map.of("broken", tally.evidence));
        return new Result(out, tally.brokenSuccesses);
    }

    /** One sampled answer of a scored phase whose status some interaction expects; {@code breaches} once matched. */
    private static final class Sample {
        final String phase;
        final String operation;
        final int status;
        final Map<String, String> headers;
        final String body;
        final String key;
        List<ContractResponses.Breach> breaches;

        Sample(String phase, String operation, int status, Map<String, String> headers, String body, String key) {
            this.phase = phase;
            this.operation = operation;
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.key = key;
        }
    }

    /**
     * The next lines of the samples file (at most {@link #BATCH} answers to match); answers of unscored phases are
     * skipped and those no interaction expects counted as not judged.
     */
    private static List<Sample> batch(BufferedReader in, Timeline timeline, Map<String, Phase> phases,
                                      ContractResponses contracts) throws IOException {
        List<Sample> batch = new ArrayList<>();
        String line;
        while (batch.size() < BATCH && (line = in.readLine()) != null) {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                continue; // a line cut by a killed worker
            }
            String phase = timeline.windows().get(timeline.indexAt(n.path("t").asLong())).name();
            Phase p = phases.get(phase);
            if (p == null) {
                continue; // warm-up and unscored phases
            }
            String operation = n.path("operation").asText();
            int status = n.path("status").asInt();
            if (!contracts.expects(operation, status)) {
                p.notJudged++;
                continue;
            }
            Map<String, String> headers = headers(n);
            String body = body(n);
            batch.add(new Sample(phase, operation, status, headers, body, key(contracts, operation, status, headers,
                    body)));
        }
        return batch;
    }

    /** A sample line's headers. */
    static Map<String, String> headers(JsonNode n) {
        Map<String, String> headers = new LinkedHashMap<>();
        n.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return headers;
    }

    /** A sample line's body, or null. */
    static String body(JsonNode n) {
        return n.hasNonNull("body") ? n.get("body").asText() : null;
    }

    /**
     * What an answer is matched once under: the same answer (a catalogue page, a product) is matched once; headers no
     * interaction expects (Date, Content-Length) do not make another answer, as Pact's matching ignores them.
     */
    static String key(ContractResponses contracts, String operation, int status, Map<String, String> headers,
                      String body) {
        Set<String> expected = contracts.expectedHeaders(operation, status);
        StringBuilder key = new StringBuilder(operation).append('\n').append(status);
        headers.forEach((k, v) -> {
            if (expected.contains(k.toLowerCase(Locale.ROOT))) {
                key.append('\n').append(k.toLowerCase(Locale.ROOT)).append(": ").append(v);
            }
        });
        return key.append("\n\n").append(body).toString();
    }

    /**
     * Matches the batch's distinct answers not matched before, on every core (Pact's matching costs milliseconds an
     * answer); answers left when the time limit passes keep no breaches and count as cut.
     */
    private static void match(List<Sample> batch, ContractResponses contracts,
                              Map<String, List<ContractResponses.Breach>> seen, long deadline, ExecutorService pool)
            throws IOException {
        Map<String, Sample> fresh = new LinkedHashMap<>();
        batch.forEach(s -> {
            if (!seen.containsKey(s.key)) {
                fresh.putIfAbsent(s.key, s);
            }
        });
        List<Callable<Map.Entry<String, List<ContractResponses.Breach>>>> work = new ArrayList<>();
        for (Sample s : fresh.values()) {
            work.add(() -> System.currentTimeMillis() > deadline ? null
                    : Map.entry(s.key, contracts.breaches(s.operation, s.status, s.headers, s.body)));
        }
        Map<String, List<ContractResponses.Breach>> now = new HashMap<>();
        try {
            for (Future<Map.Entry<String, List<ContractResponses.Breach>>> f : pool.invokeAll(work)) {
                Map.Entry<String, List<ContractResponses.Breach>> e = f.get();
                if (e != null) {
                    now.put(e.getKey(), e.getValue());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while matching sampled answers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("matching a sampled answer failed: " + e.getCause(), e.getCause());
        }
        for (Sample s : batch) {
            s.breaches = seen.containsKey(s.key) ? seen.get(s.key) : now.get(s.key);
        }
        now.forEach((k, v) -> {
            if (seen.size() < MEMO) {
                seen.put(k, v);
            }
        });
    }

    /** The counts per phase, the examples and the evidence kept, in the file's order. */
    private static final class Tally {
        final Map<String, Phase> phases;
        final Map<String, Long> brokenSuccesses = new LinkedHashMap<>();
        final List<Map<String, Object>> evidence = new ArrayList<>();

        Tally(Map<String, Phase> phases) {
            this.phases = phases;
        }

        void add(Sample s) {
            Phase p = phases.get(s.phase);
            List<ContractResponses.Breach> breaches = s.breaches;
            if (breaches == null) {
                p.cut++;
                return;
            }
            p.checked++;
            if (breaches.isEmpty()) {
                return;
            }
            boolean pending = breaches.stream().allMatch(ContractResponses.Breach::pending);
            if (pending) { // only pending pacts (on the Pact Broker) are broken: a WARN, never a FAIL
                p.brokenPending++;
            } else {
                p.broken++;
            }
            if (!pending && s.status >= 200 && s.status < 300) {
                brokenSuccesses.merge(s.operation + "|" + s.phase, 1L, Long::sum);
            }
            ContractResponses.Breach b = breaches.stream().filter(x -> !x.pending()).findFirst()
                    .orElse(breaches.get(0));
            String example = s.operation + " " + s.status + " breaks " + b.consumer() + " / " + b.interaction()
                    + (b.pending() ? " (pending pact)" : "") + ": " + String.join("; ", b.mismatches());
            if (p.examples.size() < EXAMPLES && !p.examples.contains(example)) {
                p.examples.add(example);
            }
            if (evidence.size() < 50) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("phase", s.phase);
                e.put("operation", s.operation);
                e.put("status", s.status);
                e.put("breaches", breaches);
                e.put("body", s.body);
                evidence.add(e);
            }
        }
    }

    private static ObjectiveResult result(ConformanceSpec spec, String phase, Phase p, double seconds) {
        Objective.Conformance objective = spec.objective();
        String name = objective.name() + " (" + phase + ")";
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("checked", (double) p.checked);
        figures.put("broken", (double) p.broken);
        figures.put("brokenPending", (double) p.brokenPending);
        figures.put("notJudged", (double) p.notJudged);
        figures.put("cut", (double) p.cut);
        figures.put("secondsForAllPhases", seconds);
        double threshold = spec.maxBroken() * 100;
        if (p.checked == 0) {
            return ObjectiveResult.of(objective, name, phase, "all", Status.WARN, null, threshold, "%", null, 0,
                    p.cut > 0 ? p.cut + " sampled answers, none matched: the check stops after "
                            + TIME_LIMIT.toSeconds() + " s"
                            : "no sampled answer of this phase has a contract for its operation and status ("
                            + p.notJudged + " not judged)", figures);
        }
        String cut = p.cut == 0 ? "" : "; " + p.cut + " sampled answers not matched: the check stops after "
                + TIME_LIMIT.toSeconds() + " s";
        double measured = 100.0 * p.broken / p.checked;
        boolean ok = p.broken == 0 || measured <= threshold && threshold > 0;
        String pending = p.brokenPending == 0 ? "" : String.format("; %d break only pending pacts (a warning): %s",
                p.brokenPending, String.join(" | ", p.examples));
        Status status = !ok ? Status.FAIL : p.brokenPending > 0 ? Status.WARN : Status.PASS;
        String detail = p.broken == 0
                ? String.format("%d sampled answers match the contracts (%d not judged: no interaction expects their status)",
                        p.checked - p.brokenPending, p.notJudged)
                : String.format("%d of %d sampled answers break the contracts (%.2f %%), e.g. %s", p.broken, p.checked,
                        measured, String.join(" | ", p.examples));
        return ObjectiveResult.of(objective, name, phase, "all", status,
                Math.round(measured * 100) / 100.0, threshold, "%", Math.round((threshold - measured) * 100) / 100.0,
                p.checked, detail + (p.broken == 0 ? pending : "") + cut, figures);
    }
}
