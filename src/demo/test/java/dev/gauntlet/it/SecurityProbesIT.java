package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The security probes made from the contracts, through the gate's CLI (load off: the probes run after the contracts
 * stage and before the load): the reference system passes every probe; each seeded security defect fails the gate on
 * the security objective, with the probe that caught it named in report.json, junit.xml, index.html and the reasons.
 */
class SecurityProbesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOKS = "\"--test-hooks\"]";
    /** Every probe kind: its field in report.json to its objective's title. */
    private static final java.util.Map<String, String> KINDS = new java.util.LinkedHashMap<>();

    static {
        KINDS.put("authentication", "authentication");
        KINDS.put("bola", "object-level authorization");
        KINDS.put("validation", "input validation");
        KINDS.put("massAssignment", "mass assignment");
        KINDS.put("listAuthorization", "object-level authorization on collections");
        KINDS.put("tokens", "forged and expired tokens");
        KINDS.put("functionAuthorization", "function-level authorization");
        KINDS.put("nestedMassAssignment", "nested mass assignment");
        KINDS.put("parameterInjection", "injection in path and query");
        KINDS.put("misconfiguration", "misconfiguration");
        KINDS.put("inventory", "improper inventory");
        KINDS.put("resourceLimits", "unrestricted resource consumption");
    }

    /** The seeded defect each new probe kind must catch, with the operation it names. */
    private static final String[][] NEW_DEFECTS = {
        {"list-leak", "listAuthorization", "GET /orders"},
        {"forged-token", "tokens", "GET /orders"},
        {"role-bypass", "functionAuthorization", "GET /admin/customers"},
        {"nested-mass-assignment", "nestedMassAssignment", "POST /orders"},
        {"path-injection-500", "parameterInjection", "GET /products/{sku}"},
        {"reflected-cors", "misconfiguration", "GET /orders"},
        {"undocumented-method", "inventory", "PATCH /orders/{id}"},
        {"unbounded-page", "resourceLimits", "GET /products"}};

    private static GauntletProcess gate(Path out, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of("gate", "--out", out.toString(), "--set", "load.enabled=false"));
        a.addAll(List.of(more));
        return GauntletProcess.start(a.toArray(String[]::new));
    }

    private static Path withDefect(String defect) throws Exception {
        return GauntletProcess.variant(defect, HOOKS, "\"--test-hooks\", \"--defect\", \"" + defect + "\"]");
    }

    private static JsonNode report(Path out) throws Exception {
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    private static JsonNode kind(JsonNode report, String kind) {
        for (JsonNode k : report.at("/security/kinds")) {
            if (k.get("kind").asText().equals(kind)) {
                return k;
            }
        }
        throw new AssertionError("no probe kind " + kind + " in " + report.get("security"));
    }

    @Test
    void theReferenceSystemPassesEveryProbe() throws Exception {
        Path out = GauntletProcess.out("security-clean");
        GauntletProcess gate = gate(out);
        assertEquals(0, gate.await(Duration.ofMinutes(3)), gate.output());
        JsonNode r = report(out);
        assertEquals("PASS", r.get("verdict").asText(), r.get("reasons").toPrettyString());
        assertEquals(0, r.at("/security/failures").size(), r.get("security").toPrettyString());
        for (String k : KINDS.keySet()) {
            JsonNode kind = kind(r, k);
            assertTrue(kind.get("enabled").asBoolean(), kind.toString());
            assertTrue(kind.get("passed").asInt() > 0, "every kind finds something to probe in the contracts: " + kind);
            assertEquals(0, kind.get("cut").asInt(), kind.toString());
        }
        List<String> objectives = new ArrayList<>();
        r.get("objectives").forEach(o -> {
            if (o.get("kind").asText().equals("security")) {
                objectives.add(o.get("status").asText() + " " + o.get("name").asText());
            }
        });
        assertEquals(KINDS.values().stream().map(t -> "PASS security " + t).toList(), objectives);
        assertEquals(0, r.at("/security/warnings").size(), "honest refusals: " + r.at("/security/warnings"));
        assertTrue(gate.output().matches("(?s).*SECURITY +(\\d+) probes, \\1 passed, 0 failed.*"), gate.output());
    }

    @Test
    void theBoundsCutProbesAndTheReportSaysHowMany() throws Exception {
        Path out = GauntletProcess.out("security-bounded");
        GauntletProcess gate = gate(out, "--set", "security.maxProbes=10", "--set", "security.validation=false");
        assertEquals(0, gate.await(Duration.ofMinutes(3)), gate.output());
        JsonNode r = report(out);
        int run = 0;
        int cut = 0;
        for (JsonNode k : r.at("/security/kinds")) {
            run += k.get("passed").asInt() + k.get("failed").asInt();
            cut += k.get("cut").asInt();
        }
        assertEquals(10, run, r.get("security").toPrettyString());
        assertTrue(cut > 0, r.get("security").toPrettyString());
        assertTrue(!kind(r, "validation").get("enabled").asBoolean(), "switched off by --set security.validation=false");
        assertTrue(r.at("/security/notes/0").asText().startsWith("the bounds (security.maxProbes 10"),
                r.at("/security/notes").toPrettyString());
        assertTrue(gate.output().contains("cut by the bounds"), gate.output());
    }

    @Test
    void cancellingAnotherCustomersOrderFailsTheObjectLevelAuthorizationProbe() throws Exception {
        JsonNode failure = failsWith("bola-cancel", "bola", "DELETE /orders/{id}");
        assertEquals(204, failure.at("/answer/status").asInt(), failure.toPrettyString());
        assertTrue(failure.get("probe").asText().startsWith("as "), failure.toPrettyString());
        assertTrue(failure.get("reason").asText().contains("\"CONFIRMED\" → \"CANCELLED\""),
                "the owner's read-back shows the change: " + failure.toPrettyString());
        assertTrue(failure.at("/request/headers/Authorization").asText().matches("<credentials of (bob|carol)>"),
                "credentials are redacted, the identity named: " + failure.toPrettyString());
    }

    @Test
    void aMissingRequiredFieldAnswered500FailsTheInputValidationProbe() throws Exception {
        JsonNode failure = failsWith("missing-field-500", "validation", "POST /orders");
        assertEquals(500, failure.at("/answer/status").asInt(), failure.toPrettyString());
        assertTrue(failure.get("probe").asText().startsWith("without $."), failure.toPrettyString());
        assertTrue(failure.get("reason").asText().contains("NullPointerException"),
                "the internals are named: " + failure.toPrettyString());
    }

    @Test
    void aStatusTakenFromTheRequestBodyFailsTheMassAssignmentProbe() throws Exception {
        JsonNode failure = failsWith("mass-assignment", "massAssignment", "POST /orders");
        assertTrue(failure.get("probe").asText().startsWith("undeclared $.status = "), failure.toPrettyString());
        assertTrue(failure.at("/evidence/read back").asText().startsWith("200"), failure.toPrettyString());
    }

    @Test
    void anOrderReadWithoutCredentialsFailsTheAuthenticationProbe() throws Exception {
        JsonNode failure = failsWith("auth-bypass", "authentication", "GET /orders/{id}");
        assertEquals(200, failure.at("/answer/status").asInt(), failure.toPrettyString());
    }

    /**
     * One gate run with the eight defects the newer probe kinds aim at, each on its own operation: each fails its own
     * kind's objective, naming the operation; the four older kinds still pass. Then the findings baseline: written
     * from that run by {@code gauntlet baseline}, it turns every listed finding into a WARN; with the forged-token
     * findings taken out of it, only the tokens objective FAILs again.
     */
    @Test
    void eachNewSeededDefectFailsItsOwnProbeKindAndTheBaselineFailsOnlyWhatIsNew() throws Exception {
        StringBuilder flags = new StringBuilder("\"--test-hooks\"");
        for (String[] d : NEW_DEFECTS) {
            flags.append(", \"--defect\", \"").append(d[0]).append('"');
        }
        Path env = GauntletProcess.variant("security-new-kinds", HOOKS, flags + "]");
        Path out = GauntletProcess.out("security-new-kinds");
        GauntletProcess gate = gate(out, "--env", env.toString());
        assertEquals(1, gate.await(Duration.ofMinutes(3)), gate.output());
        JsonNode r = report(out);
        assertEquals(0, r.at("/contracts/failed").asInt(), "the contracts still hold: only the probes see the defects");
        java.util.Map<String, JsonNode> objectives = new java.util.HashMap<>();
        r.get("objectives").forEach(o -> objectives.put(o.get("name").asText(), o));
        for (String[] d : NEW_DEFECTS) {
            JsonNode o = objectives.get("security " + KINDS.get(d[1]));
            assertEquals("FAIL", o.get("status").asText(), d[0] + ": " + o);
            assertTrue(o.get("detail").asText().contains(d[2]), d[0] + " names " + d[2] + ": " + o);
            boolean named = false;
            for (JsonNode f : r.at("/security/failures")) {
                named |= f.get("kind").asText().equals(d[1]) && f.get("operation").asText().equals(d[2])
                        && f.at("/request/url").asText().startsWith("http://127.0.0.1:") && f.get("reason").asText()
                        .length() > 20 && f.at("/answer/status").asInt() > 0;
            }
            assertTrue(named, d[0] + ": a failing " + d[1] + " probe of " + d[2] + " with request, answer and reason");
        }
        for (String old : List.of("authentication", "bola", "validation", "massAssignment")) {
            assertEquals("PASS", objectives.get("security " + KINDS.get(old)).get("status").asText(), old);
        }
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("classname=\"gauntlet.local.security.inventory\" name=\"PATCH /orders/{id} "), junit);

        Path baseline = out.resolve("accepted.yaml");
        GauntletProcess write = GauntletProcess.start("baseline", "--from", out.toString(), "--out",
                baseline.toString(), "--reason", "seeded on purpose");
        assertEquals(0, write.await(Duration.ofSeconds(30)), write.output());
        List<String> lines = Files.readAllLines(baseline);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("  - finding: \"tokens ")) {
                i += 2; // the forged-token findings are no longer accepted: they are new again
            } else {
                kept.add(lines.get(i));
            }
        }
        assertTrue(kept.size() < lines.size(), lines.toString());
        Files.write(baseline, kept);
        Path again = GauntletProcess.out("security-new-kinds-baseline");
        GauntletProcess second = gate(again, "--env", env.toString(), "--set", "security.baseline=" + baseline.toAbsolutePath());
        assertEquals(1, second.await(Duration.ofMinutes(3)), second.output());
        JsonNode r2 = report(again);
        List<String> failing = new ArrayList<>();
        r2.get("objectives").forEach(o -> {
            if (o.get("status").asText().equals("FAIL")) {
                failing.add(o.get("name").asText());
            }
        });
        assertEquals(List.of("security forged and expired tokens"), failing, r2.get("objectives").toPrettyString());
        assertEquals("WARN", objectives(r2, "security " + KINDS.get("listAuthorization")), r2.get("objectives").toString());
        assertTrue(second.output().contains("WARN  accepted (seeded on purpose"), second.output());
    }

    private static String objectives(JsonNode report, String name) {
        for (JsonNode o : report.get("objectives")) {
            if (o.get("name").asText().equals(name)) {
                return o.get("status").asText();
            }
        }
        return "absent";
    }

    /**
     * Runs the gate on the reference system with {@code defect} and checks it FAILS on the security objective of
     * {@code kind}, naming {@code operation} in every view; returns the first failing probe of that kind.
     */
    private static JsonNode failsWith(String defect, String kind, String operation) throws Exception {
        Path out = GauntletProcess.out("security-" + defect);
        GauntletProcess gate = gate(out, "--env", withDefect(defect).toString());
        assertEquals(1, gate.await(Duration.ofMinutes(3)), gate.output());
        JsonNode r = report(out);
        assertEquals("FAIL", r.get("verdict").asText());
        assertEquals(0, r.at("/contracts/failed").asInt(), "the contracts still hold: only a probe sees the defect");
        assertTrue(kind(r, kind).get("failed").asInt() > 0, r.get("security").toPrettyString());
        JsonNode failure = null;
        for (JsonNode f : r.at("/security/failures")) {
            if (f.get("kind").asText().equals(kind) && f.get("operation").asText().equals(operation)) {
                failure = f;
                break;
            }
        }
        assertTrue(failure != null, "a failing " + kind + " probe of " + operation + ": " + r.get("security").toPrettyString());
        String title = failure.get("reason").asText();
        boolean objectiveFails = false;
        for (JsonNode o : r.get("objectives")) {
            objectiveFails |= o.get("kind").asText().equals("security") && o.get("status").asText().equals("FAIL")
                    && o.get("detail").asText().contains(operation);
        }
        assertTrue(objectiveFails, r.get("objectives").toPrettyString());
        List<String> reasons = new ArrayList<>();
        r.get("reasons").forEach(n -> reasons.add(n.asText()));
        assertTrue(reasons.stream().anyMatch(s -> s.startsWith("security probe failed: ") && s.contains(operation)
                && s.contains(title)), reasons.toString());
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("classname=\"gauntlet.local.security." + kind + "\" name=\"" + operation + " "), junit);
        assertTrue(Files.readString(out.resolve("index.html")).contains("<h2>Security probes</h2>"));
        assertTrue(gate.output().contains("  FAIL  "), gate.output());
        assertTrue(failure.at("/request/method").asText().length() > 0 && failure.at("/request/url").asText()
                .startsWith("http://127.0.0.1:"), failure.toPrettyString());
        return failure;
    }
}
