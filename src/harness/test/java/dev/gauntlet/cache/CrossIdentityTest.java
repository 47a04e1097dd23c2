package dev.gauntlet.cache;

import dev.gauntlet.slo.Caching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.files.RunFiles;
import dev.gauntlet.probe.Identity;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers for one identity that carry resources another created, read from the load's tap as the worker writes it. */
class CrossIdentityTest {
    private static final Caching OBJECTIVE = new Caching("caching per-identity",
            Caching.Rule.PER_IDENTITY);
    private static final List<Identity> IDENTITIES = List.of(
            new Identity("alice", Map.of("Authorization", "Bearer key-alice")),
            new Identity("bob", Map.of("Authorization", "Bearer key-bob")));

    @TempDir
    Path dir;

    private static String write(String key, String location) {
        return "{\"t\":1,\"operation\":\"POST /orders\",\"method\":\"POST\",\"path\":\"/orders\",\"status\":201,"
                + "\"location\":\"" + location + "\",\"credentials\":{\"Authorization\":\"Bearer " + key + "\"}}";
    }

    private static String sample(String key, String operation, String path, int status, String body) {
        return "{\"t\":2,\"operation\":\"" + operation + "\",\"path\":\"" + path + "\",\"credentials\":{\"authorization\":"
                + "\"Bearer " + key + "\"},\"status\":" + status + ",\"headers\":{},\"body\":"
                + (body == null ? "null" : "\"" + body.replace("\"", "\\\"") + "\"") + "}";
    }

    private ObjectiveResult check(List<String> writes, List<String> samples, List<String> publicOperations)
            throws IOException {
        Files.write(dir.resolve(RunFiles.WRITES), writes);
        Files.write(dir.resolve(RunFiles.SAMPLES), samples);
        Map<String, Object> evidence = new LinkedHashMap<>();
        ObjectiveResult r = CrossIdentity.check(OBJECTIVE, dir, IDENTITIES, publicOperations, evidence, line -> { });
        CrossIdentity.write(evidence, dir, line -> { });
        return r;
    }

    private static final List<String> WRITES = List.of(write("key-alice", "/orders/ord-a1"),
            write("key-bob", "/orders/ord-b1"), write("key-alice", "/orders/ord-a2"));

    @Test
    void eachIdentitySeeingItsOwnResourcesPasses() throws IOException {
        ObjectiveResult r = check(WRITES, List.of(
                sample("key-alice", "GET /orders", "/orders", 200, "{\"items\":[{\"id\":\"ord-a1\"},{\"id\":\"ord-a2\"}]}"),
                sample("key-bob", "GET /orders", "/orders", 200, "{\"items\":[{\"id\":\"ord-b1\",\"quantity\":1}]}"),
                sample("key-bob", "GET /orders/{id}", "/orders/ord-a1", 404, "{\"detail\":\"ord-a1\"}")), List.of());
        assertEquals(Status.PASS, r.status(), r.detail());
        assertEquals(2, r.samples(), "the 2xx answers are judged: " + r);
    }

    @Test
    void anotherIdentitysOrdersInAnAnswerFail() throws IOException {
        ObjectiveResult r = check(WRITES, List.of(
                sample("key-alice", "GET /orders", "/orders", 200, "{\"items\":[{\"id\":\"ord-a1\"}]}"),
                sample("key-bob", "GET /orders", "/orders", 200, "{\"items\":[{\"id\":\"ord-a1\"},{\"orderId\":\"ord-a2\"}]}")),
                List.of());
        assertEquals(Status.FAIL, r.status(), r.detail());
        assertEquals(1.0, r.measured());
        assertTrue(r.detail().contains("GET /orders /orders: answered to bob with ord-a1, which alice created (and 1 more"),
                r.detail());
        String evidence = Files.readString(dir.resolve(RunFiles.CACHING));
        assertTrue(evidence.contains("\"request\" : \"GET /orders /orders as bob\"") && evidence.contains("ord-a2"),
                evidence);
    }

    @Test
    void publicOperationsAndIdsBothCreatedAreNotJudged() throws IOException {
        List<String> writes = List.of(write("key-alice", "/lists/shared-1"), write("key-bob", "/lists/shared-1"),
                write("key-alice", "/orders/ord-a1"));
        ObjectiveResult r = check(writes, List.of(
                sample("key-bob", "GET /lists", "/lists", 200, "{\"id\":\"shared-1\"}"),
                sample("key-bob", "GET /feed", "/feed", 200, "{\"id\":\"ord-a1\"}"),
                sample("key-alice", "GET /orders", "/orders", 200, "{\"id\":\"ord-a1\"}")), List.of("GET /feed"));
        assertEquals(Status.PASS, r.status(), r.detail());
    }

    @Test
    void oneCallerAloneCannotShowAMixUp() throws IOException {
        ObjectiveResult r = check(WRITES, List.of(
                sample("key-alice", "GET /orders", "/orders", 200, "{\"items\":[{\"id\":\"ord-a1\"}]}")), List.of());
        assertEquals(Status.WARN, r.status(), r.detail());
        assertTrue(r.detail().contains("two identities"), r.detail());
    }

    @Test
    void callersWithoutIdentitiesAreToldApartByTheirCredentials() throws IOException {
        Files.write(dir.resolve(RunFiles.WRITES), List.of(write("key-zoe", "/orders/ord-z1")));
        Files.write(dir.resolve(RunFiles.SAMPLES), List.of(
                sample("key-zoe", "GET /orders", "/orders", 200, "{\"id\":\"ord-z1\"}"),
                sample("key-yan", "GET /orders", "/orders", 200, "{\"id\":\"ord-z1\"}")));
        ObjectiveResult r = CrossIdentity.check(OBJECTIVE, dir, List.of(), List.of(), new LinkedHashMap<>(), l -> { });
        assertEquals(Status.FAIL, r.status(), r.detail());
        assertTrue(r.detail().contains("answered to caller "), r.detail());
    }
}
