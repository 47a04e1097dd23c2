package dev.gauntlet.cache;

import dev.gauntlet.slo.Caching;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.files.RunFiles;
import dev.gauntlet.probe.Identity;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Under load, no answer for one identity is served to another (a cache keyed without the caller, a response mixed
 * up between threads): the resources each identity created during the load (the ids its acknowledged writes got, from
 * {@code Location} or the answer's {@code id}) belong to it, and a sampled 2xx answer to another identity that
 * carries one of them in an id field ({@code id}, {@code orderId}, {@code order_id}) was meant for the creator.
 * Callers are told apart by their credential headers, named after {@code identities:} where they match one. Ids two
 * identities both created are nobody's; operations in {@code security.publicOperations} are not judged.
 */
public final class CrossIdentity {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ids this short (a page number, a quantity) say nothing about their owner. */
    private static final int MIN_ID_LENGTH = 4;

    private CrossIdentity() {
    }

    /** The result of {@code objective} from the load's tap in {@code loadDir}; evidence added to {@code evidence}. */
    public static ObjectiveResult check(Caching objective, Path loadDir, List<Identity> identities,
                                        List<String> publicOperations, Map<String, Object> evidence,
                                        Consumer<String> console) {
        long started = System.nanoTime();
        Findings findings = new Findings(objective.rule());
        Map<String, String> owners = new HashMap<>();
        Set<String> callers = new HashSet<>();
        try {
            owners = owners(loadDir.resolve(RunFiles.WRITES), identities);
            judge(loadDir.resolve(RunFiles.SAMPLES), identities, publicOperations, owners, callers, findings);
        } catch (IOException e) {
            console.accept("[gate] the per-identity check could not read the load's tap in " + loadDir + ": "
                    + e.getMessage());
        }
        evidence.put("perIdentity", findings.evidence());
        console.accept(String.format(java.util.Locale.ROOT, "[gate] caching per-identity: %d sampled answers of %d "
                + "callers judged against %d resources they created, in %.1f s", findings.judged, callers.size(),
                owners.size(), (System.nanoTime() - started) / 1e9));
        if (findings.breaches == 0 && (callers.size() < 2 || owners.isEmpty())) {
            return findings.inconclusive(objective, callers.size() < 2
                    ? "the load's sampled answers came from " + callers.size() + " caller(s): two identities are "
                    + "needed in the traffic (credentials of two identities)"
                    : "no acknowledged write of the load created a resource of one identity, so no answer could be "
                    + "told apart (the durability tap logs writes)");
        }
        return findings.result(objective, "no sampled 2xx JSON answer to an identity");
    }

    /** Adds {@code evidence} to {@value RunFiles#CACHING} in {@code runDir} (beside the cache checks', if any). */
    public static void write(Map<String, Object> evidence, Path runDir, Consumer<String> console) {
        Path file = runDir.resolve(RunFiles.CACHING);
        try {
            Map<String, Object> all = new LinkedHashMap<>();
            if (Files.exists(file)) {
                JSON.readTree(file.toFile()).fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue()));
            }
            all.putAll(evidence);
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), all);
        } catch (IOException e) {
            console.accept("[gate] could not write " + file + ": " + e.getMessage());
        }
    }

    /** Id → the caller whose write created it; ids created by two callers are left out. */
    static Map<String, String> owners(Path writes, List<Identity> identities) throws IOException {
        Map<String, String> out = new HashMap<>();
        Set<String> shared = new HashSet<>();
        if (!Files.exists(writes)) {
            return out;
        }
        try (BufferedReader in = Files.newBufferedReader(writes)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode w = read(line);
                int status = w == null ? 0 : w.path("status").asInt();
                String caller = w == null ? null : caller(w.path("credentials"), identities);
                if (caller == null || status < 200 || status >= 300) {
                    continue;
                }
                for (String id : createdIds(w)) {
                    String before = out.putIfAbsent(id, caller);
                    if (before != null && !before.equals(caller)) {
                        shared.add(id);
                    }
                }
            }
        }
        shared.forEach(out::remove);
        return out;
    }

    private static void judge(Path samples, List<Identity> identities, List<String> publicOperations,
                              Map<String, String> owners, Set<String> callers, Findings findings) throws IOException {
        if (!Files.exists(samples)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(samples)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode s = read(line);
                if (s == null) {
                    continue;
                }
                String caller = caller(s.path("credentials"), identities);
                int status = s.path("status").asInt();
                String operation = s.path("operation").asText();
                if (caller == null || status < 200 || status >= 300 || publicOperations.contains(operation)) {
                    continue;
                }
                callers.add(caller);
                JsonNode body = s.hasNonNull("body") ? read(s.get("body").asText()) : null;
                if (body == null) {
                    continue;
                }
                findings.judged++;
                Map<String, String> foreign = new TreeMap<>();
                ids(body, null, id -> {
                    String owner = owners.get(id);
                    if (owner != null && !owner.equals(caller)) {
                        foreign.put(id, owner);
                    }
                });
                if (!foreign.isEmpty()) {
                    Map.Entry<String, String> first = foreign.entrySet().iterator().next();
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("request", operation + " " + s.path("path").asText() + " as " + caller);
                    e.put("t", s.path("t").asLong());
                    e.put("status", status);
                    e.put("foreignIds", foreign);
                    e.put("body", s.get("body").asText().length() > 2_000 ? s.get("body").asText().substring(0, 2_000)
                            + "…" : s.get("body").asText());
                    findings.add(operation + " " + s.path("path").asText(), "answered to " + caller + " with "
                            + first.getKey() + ", which " + first.getValue() + " created"
                            + (foreign.size() > 1 ? " (and " + (foreign.size() - 1) + " more of another's)" : ""), e);
                }
            }
        }
    }

    /** The caller a request's credentials stand for: an identity's name, or the credentials themselves; null: none. */
    static String caller(JsonNode credentials, List<Identity> identities) {
        if (credentials == null || !credentials.isObject() || credentials.isEmpty()) {
            return null;
        }
        Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        credentials.fields().forEachRemaining(e -> sent.put(e.getKey(), e.getValue().asText()));
        for (Identity i : identities) {
            if (i.headers().entrySet().stream().allMatch(h -> h.getValue().equals(sent.get(h.getKey())))) {
                return i.name();
            }
        }
        return "caller " + Integer.toHexString(sent.toString().hashCode());
    }

    /** The ids an acknowledged write created: its Location's last segment, and its answer's top-level id. */
    private static Set<String> createdIds(JsonNode write) {
        Set<String> out = new HashSet<>();
        String location = write.path("location").asText("");
        if (!location.isEmpty()) {
            String path = location.replaceFirst("[?#].*$", "").replaceFirst("/+$", "");
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (last.length() >= MIN_ID_LENGTH) {
                out.add(last);
            }
        }
        JsonNode body = write.hasNonNull("body") ? read(write.get("body").asText()) : null;
        if (body != null && body.path("id").isValueNode() && body.path("id").asText().length() >= MIN_ID_LENGTH) {
            out.add(body.path("id").asText());
        }
        return out;
    }

    /** Every value of an id field in {@code node}, at any depth. */
    private static void ids(JsonNode node, String field, Consumer<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ids(e.getValue(), e.getKey(), out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> ids(n, field, out));
        } else if (field != null && node.isValueNode() && isIdField(field)) {
            out.accept(node.asText());
        }
    }

    static boolean isIdField(String field) {
        return field.equalsIgnoreCase("id") || field.endsWith("Id") || field.toLowerCase(java.util.Locale.ROOT).endsWith("_id");
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null; // a line cut by a killed worker, or a body that is not JSON
        }
    }
}
