package dev.gauntlet.durability;

import dev.gauntlet.files.RunFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gauntlet.contract.ContractResponses;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * No acknowledged write lost: after the last phase (faults reverted), every resource the API acknowledged during the
 * load (2xx with a {@code Location} or an id) is read back through the GET operation the contracts use for it, with
 * the writer's own credentials. In Jepsen's terms: <em>acknowledged</em> writes that cannot be read back are
 * <em>lost</em>; a 5xx or a write with no answer is <em>indeterminate</em> (it may or may not have happened, never a
 * failure); an indeterminate write whose resource exists is <em>recovered</em>. Resources the load itself deleted are
 * not expected back. Bounded in count and time; the result says what was cut.
 */
public final class Durability {
    /** Name of the objective in the report. */
    public static final String NAME = "no acknowledged write lost";
    /** Evidence of the check in the run folder. */
    public static final String FILE = RunFiles.DURABILITY;
    private static final int EXAMPLES = 5;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Durability() {
    }

    /** One resource to read back: where, as whom, and what the write was. */
    private record Target(String path, String readOperation, Write write) {
    }

    /**
     * @param loadDir   the worker's folder ({@code RUN/load}) holding {@code writes.jsonl}
     * @param contracts the contracts, for the read operations
     * @param target    base URL of the API (loopback)
     * @param runDir    where {@value #FILE} goes
     * @return the objective's result, or empty when the load made no writes
     */
    public static Optional<ObjectiveResult> check(DurabilitySpec spec, Path loadDir, ContractResponses contracts,
                                                  URI target, Path runDir, Consumer<String> console) {
        List<Write> writes = Write.read(loadDir.resolve(RunFiles.WRITES));
        if (writes.isEmpty()) {
            return Optional.empty();
        }
        Set<String> deleted = new HashSet<>();
        writes.stream().filter(Write::deleted).map(Write::pathOnly).forEach(deleted::add);
        Map<String, Target> acknowledged = new LinkedHashMap<>();
        Map<String, Target> indeterminate = new LinkedHashMap<>();
        long acknowledgedCount = 0;
        long indeterminateCount = 0;
        long unidentified = 0;
        long deletedByLoad = 0;
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (Write w : writes) {
            if (!w.acknowledged() && !w.indeterminate()) {
                continue;
            }
            if (w.acknowledged()) {
                acknowledgedCount++;
            } else {
                indeterminateCount++;
            }
            String path = resource(w, contracts);
            if (path == null) {
                if (w.acknowledged()) {
                    unidentified++;
                }
                continue;
            }
            if (deleted.contains(path)) {
                deletedByLoad++;
                continue;
            }
            Optional<String> read = contracts.readOperation(path);
            if (read.isEmpty()) {
                unreadable.putIfAbsent(w.operation(), "no GET interaction of the contracts reads " + path);
                continue;
            }
            (w.acknowledged() ? acknowledged : indeterminate).putIfAbsent(path, new Target(path, read.get(), w));
        }
        indeterminate.keySet().removeAll(acknowledged.keySet());
        List<Target> toRead = spread(new ArrayList<>(acknowledged.values()), spec.maxReads());
        List<Target> toProbe = spread(new ArrayList<>(indeterminate.values()),
                Math.max(0, spec.maxReads() - toRead.size()));
        console.accept("[gate] durability: reading back " + toRead.size() + " acknowledged and " + toProbe.size()
                + " indeterminate write(s)");
        long started = System.currentTimeMillis();
        long deadline = started + spec.timeout().toMillis();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Map<String, Object>> lost = new ArrayList<>();
        long present = 0;
        long unverified = 0;
        long read = 0;
        for (Read r : readByCaller(toRead, http, target, deadline)) {
            if (r.answer() == ReadBack.Answer.OUT_OF_TIME) {
                continue;
            }
            read++;
            switch (r.answer()) {
                case PRESENT -> present++;
                case ABSENT -> lost.add(example(r.target(), r.status()));
                case UNKNOWN, OUT_OF_TIME -> unverified++;
            }
        }
        long recovered = 0;
        long probed = 0;
        for (Read r : readByCaller(toProbe, http, target, deadline)) {
            if (r.answer() != ReadBack.Answer.OUT_OF_TIME) {
                probed++;
                recovered += r.answer() == ReadBack.Answer.PRESENT ? 1 : 0;
            }
        }
        long cut = acknowledged.size() - read;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("acknowledged", (double) acknowledgedCount);
        figures.put("lost", (double) lost.size());
        figures.put("readBack", (double) read);
        figures.put("present", (double) present);
        figures.put("unverified", (double) unverified);
        figures.put("indeterminate", (double) indeterminateCount);
        figures.put("recovered", (double) recovered);
        figures.put("deletedByLoad", (double) deletedByLoad);
        figures.put("notRead", (double) cut);
        figures.put("seconds", Math.round((System.currentTimeMillis() - started) / 100.0) / 10.0);
        Status status;
        StringBuilder detail = new StringBuilder();
        if (!lost.isEmpty()) {
            status = Status.FAIL;
            detail.append(lost.size()).append(" of ").append(read).append(" acknowledged writes read back are lost, e.g. ");
            detail.append(String.join("; ", lost.stream().limit(EXAMPLES).map(m -> m.get("write") + " → "
                    + m.get("readBack")).toList()));
        } else if (read == 0 || present == 0) {
            status = acknowledgedCount == 0 && indeterminateCount > 0 ? Status.PASS : Status.WARN;
            detail.append(acknowledgedCount == 0 ? "no write was acknowledged" : "no acknowledged write could be read back");
            if (!unreadable.isEmpty()) {
                detail.append(": ").append(String.join("; ", unreadable.values()));
            } else if (unidentified > 0) {
                detail.append(": ").append(unidentified).append(" acknowledged writes had neither a Location nor an id");
            }
        } else {
            status = Status.PASS;
            detail.append(String.format("%d acknowledged writes, %d read back, all present", acknowledgedCount, read));
        }
        detail.append(String.format(" (indeterminate %d, recovered %d of %d probed; deleted by the load %d",
                indeterminateCount, recovered, probed, deletedByLoad));
        if (unverified > 0) {
            detail.append("; ").append(unverified).append(" could not be read (429/5xx/no answer)");
        }
        if (cut > 0) {
            detail.append("; ").append(cut).append(" not read back (durability.maxReads/timeout)");
        }
        detail.append(")");
        ObjectiveResult result = ObjectiveResult.of(spec.objective(), NAME, "all", "all", status, (double) lost.size(),
                0, "writes", (double) -lost.size(), read, detail.toString(), figures);
        try {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("figures", figures);
            evidence.put("lost", lost);
            evidence.put("unreadable", unreadable);
            JSON.writeValue(runDir.resolve(FILE).toFile(), evidence);
        } catch (IOException e) {
            console.accept("[gate] could not write " + FILE + ": " + e.getMessage());
        }
        return Optional.of(result);
    }

    /** The path of the resource a write made, or null when the answer names none. */
    static String resource(Write w, ContractResponses contracts) {
        String location = w.locationPath();
        if (location != null) {
            return location;
        }
        String id = w.bodyId();
        if (id != null && w.method().equals("POST")) {
            Optional<String> item = contracts.itemTemplate(w.template());
            if (item.isPresent()) {
                return item.get().replaceFirst("\\{[^}/]*}$", java.util.regex.Matcher.quoteReplacement(id));
            }
        }
        if (!w.method().equals("POST") && w.pathOnly() != null) {
            return w.pathOnly();
        }
        return null;
    }

    private static Map<String, Object> example(Target t, int status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("write", t.write().operation() + " " + t.write().status() + " " + t.path());
        m.put("readBack", t.readOperation() + ": " + (status == 0 ? "no answer" : status));
        m.put("at", java.time.Instant.ofEpochMilli(t.write().t()).toString());
        return m;
    }

    /** At most {@code max} items, spread evenly over the list (so a cut still covers the whole run). */
    static <T> List<T> spread(List<T> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        List<T> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) ((long) i * all.size() / max)));
        }
        return out;
    }

    /** One resource read back: its answer and the last status seen (0: no answer). */
    private record Read(Target target, ReadBack.Answer answer, int status) {
    }

    /** Callers read back at once, at most this many. */
    private static final int CALLERS_AT_ONCE = 8;

    /**
     * Reads {@code targets} back, in their order: one caller's (same credentials) one at a time — an API that limits
     * each caller's rate is read at that rate, waiting as its 429s say — and different callers' side by side, so the
     * check takes the longest caller's time, not the sum. Out of time: the rest are {@code OUT_OF_TIME}.
     */
    private static List<Read> readByCaller(List<Target> targets, HttpClient http, URI base, long deadline) {
        Map<Map<String, String>, List<Integer>> byCaller = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            byCaller.computeIfAbsent(targets.get(i).write().credentials(), k -> new ArrayList<>()).add(i);
        }
        Read[] reads = new Read[targets.size()];
        List<List<Integer>> callers = new ArrayList<>(byCaller.values());
        List<Thread> threads = new ArrayList<>();
        for (int lane = 0; lane < Math.min(CALLERS_AT_ONCE, callers.size()); lane++) {
            int first = lane;
            Runnable readLane = () -> {
                ReadBack reader = new ReadBack(http, base, deadline);
                for (int c = first; c < callers.size(); c += CALLERS_AT_ONCE) {
                    for (int i : callers.get(c)) {
                        Target t = targets.get(i);
                        ReadBack.Answer a = reader.read(t.path(), t.write().credentials());
                        reads[i] = new Read(t, a, reader.lastStatus());
                    }
                }
            };
            Thread t = new Thread(readLane, "gauntlet-durability-read-back-" + lane);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                threads.forEach(Thread::interrupt);
                break;
            }
        }
        List<Read> out = new ArrayList<>();
        for (int i = 0; i < reads.length; i++) {
            Read r = reads[i];
            out.add(r != null ? r : new Read(targets.get(i), ReadBack.Answer.OUT_OF_TIME, 0));
        }
        return out;
    }

    /** Reads resources back one at a time, patient with 429 and 5xx, within a deadline. */
    static final class ReadBack {
        enum Answer { PRESENT, ABSENT, UNKNOWN, OUT_OF_TIME }

        private final HttpClient http;
        private final URI base;
        private final long deadline;
        private int lastStatus;

        ReadBack(HttpClient http, URI base, long deadline) {
            this.http = http;
            this.base = base;
            this.deadline = deadline;
        }

        int lastStatus() {
            return lastStatus;
        }

        Answer read(String path, Map<String, String> credentials) {
            for (int attempt = 0; attempt < 6; attempt++) {
                if (System.currentTimeMillis() > deadline) {
                    return Answer.OUT_OF_TIME;
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5))
                        .header("Accept", "application/json").GET();
                credentials.forEach((k, v) -> {
                    if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
                        b.header(k, v);
                    }
                });
                long wait = 200;
                try {
                    HttpResponse<Void> r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
                    lastStatus = r.statusCode();
                    if (lastStatus >= 200 && lastStatus < 300) {
                        return Answer.PRESENT;
                    }
                    if (lastStatus == 404 || lastStatus == 410) {
                        return Answer.ABSENT;
                    }
                    if (lastStatus != 429 && lastStatus < 500) {
                        return Answer.UNKNOWN;
                    }
                    wait = r.headers().firstValue("Retry-After").map(ReadBack::seconds).orElse(wait);
                } catch (IOException e) {
                    lastStatus = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Answer.OUT_OF_TIME;
                }
                try {
                    Thread.sleep(Math.min(wait, 2000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Answer.OUT_OF_TIME;
                }
            }
            return Answer.UNKNOWN;
        }

        private static long seconds(String retryAfter) {
            try {
                return Math.max(50, (long) (Double.parseDouble(retryAfter.trim()) * 1000));
            } catch (NumberFormatException e) {
                return 1000;
            }
        }
    }
}
