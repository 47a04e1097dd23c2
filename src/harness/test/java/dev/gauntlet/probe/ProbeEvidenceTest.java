package dev.gauntlet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure judgements the probes make: internals in an answer, data leaks, changes read back, enum choices. */
class ProbeEvidenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void internalsAreFoundInsideJsonStringsAndEchoedPayloadsAreNot() {
        String trace = "{\"detail\":\"java.lang.NullPointerException: Cannot invoke\\n\\tat dev.x.Shop.create(Shop.java:71)\"}";
        List<String> found = Internals.in(trace, List.of());
        assertTrue(found.stream().anyMatch(f -> f.startsWith("a Java stack frame")), found.toString());
        assertTrue(found.stream().anyMatch(f -> f.contains("java.lang.NullPointerException")), found.toString());
        assertTrue(Internals.in("{\"detail\":\"ERROR: syntax error at or near \\\"OR\\\"\"}", List.of()).stream()
                .anyMatch(f -> f.startsWith("an SQL fragment")));
        assertTrue(Internals.in("Traceback (most recent call last):\n  File \"app.py\", line 3", List.of()).size() > 0);
        String echoed = "{\"detail\":\"Unknown sku '' OR '1'='1' --'.\"}";
        assertEquals(List.of(), Internals.in(echoed, List.of("' OR '1'='1' --")));
        assertEquals(List.of(), Internals.in("{\"title\":\"Internal server error\",\"detail\":\"An unexpected error "
                + "occurred.\",\"type\":\"/problems/internal\"}", List.of()));
        assertEquals(List.of(), Internals.in("{\"detail\":\"No order with id 'ord-5'.\"}", List.of()));
    }

    @Test
    void leaksAreTheOwnersValuesThatTheRequestDidNotCarry() throws Exception {
        JsonNode owner = json("{\"id\":\"ord-5\",\"sku\":\"SKU-1\",\"status\":\"CONFIRMED\",\"currency\":\"EUR\"}");
        Call sent = new Call("GET", URI.create("http://127.0.0.1:1/orders/ord-5"), Map.of(), null);
        assertEquals(List.of(), Leaks.of(owner, "{\"detail\":\"No order with id 'ord-5'.\"}", sent),
                "a 404 may name the id it was asked for");
        assertEquals(List.of("CONFIRMED"), Leaks.of(owner, "{\"detail\":\"order is CONFIRMED\"}", sent));
    }

    @Test
    void changesLeaveOutWhatTwoReadsInARowAlreadyDisagreeOn() throws Exception {
        JsonNode a = json("{\"status\":\"CONFIRMED\",\"readAt\":\"1\",\"items\":[1,2]}");
        JsonNode b = json("{\"status\":\"CONFIRMED\",\"readAt\":\"2\",\"items\":[1,2]}");
        JsonNode after = json("{\"status\":\"CANCELLED\",\"readAt\":\"3\",\"items\":[1,2]}");
        Set<String> volatileOnes = JsonDiff.volatilePaths(a, b);
        assertEquals(Set.of("$.readAt"), volatileOnes);
        assertEquals(List.of("$.status: \"CONFIRMED\" → \"CANCELLED\""), JsonDiff.changes(a, after, volatileOnes));
        assertEquals(List.of(), JsonDiff.changes(a, b, volatileOnes));
    }

    @Test
    void anEnumIsChosenFromTheSchemaThatHoldsTheCurrentValue() throws Exception {
        JsonNode doc = json("{\"components\":{\"schemas\":{"
                + "\"Health\":{\"properties\":{\"status\":{\"enum\":[\"UP\",\"DOWN\"]}}},"
                + "\"Order\":{\"properties\":{\"status\":{\"enum\":[\"CONFIRMED\",\"CANCELLED\"]}}}}}}");
        assertEquals(List.of("CONFIRMED", "CANCELLED"), MassAssignmentProbes.enumValues(doc, "status", "CONFIRMED"));
        assertEquals(List.of(), MassAssignmentProbes.enumValues(doc, "status", "SHIPPED"));
    }

    @Test
    void aStateNamesSomeoneByWholeWord() {
        assertTrue(Words.names("customer alice has an order", "alice"));
        assertTrue(!Words.names("customer alicent has an order", "alice"));
        assertTrue(!Words.names("products exist", "bob"));
    }

    private static Reply reply(int status) {
        return new Reply(status, Map.of(), "", status == 0 ? "no answer within 10 s" : null);
    }

    @Test
    void authorizationHoldsWhenTheResourceIsUnchangedWhateverTheRefusalsStatus() {
        BolaProbes.Judgement due = BolaProbes.judge("bob", "alice", reply(404), true, List.of(), List.of());
        assertTrue(due.held() && due.warning() == null, due.toString());
        BolaProbes.Judgement unusual = BolaProbes.judge("bob", "alice", reply(401), true, List.of(), List.of());
        assertTrue(unusual.held() && unusual.warning().startsWith("refused with 401 where 403 or 404 is due"),
                unusual.toString());
        BolaProbes.Judgement unread = BolaProbes.judge("bob", "alice", reply(405), false, List.of(), List.of());
        assertTrue(unread.held() && unread.warning() != null, "a 4xx is a refusal even without a read back");
        BolaProbes.Judgement error = BolaProbes.judge("bob", "alice", reply(500), true, List.of(), List.of());
        assertTrue(error.held() && error.warning().contains("answered 500"), error.toString());
        assertTrue(!BolaProbes.judge("bob", "alice", reply(500), false, List.of(), List.of()).held(),
                "a 5xx without a read back proves nothing");
        assertTrue(!BolaProbes.judge("bob", "alice", reply(200), false, List.of(), List.of()).held());
        BolaProbes.Judgement changed = BolaProbes.judge("bob", "alice", reply(403), true,
                List.of("$.status: \"CONFIRMED\" → \"CANCELLED\""), List.of());
        assertTrue(!changed.held() && changed.reason().contains("the resource changed"), changed.toString());
        assertTrue(!BolaProbes.judge("bob", "alice", reply(401), true, List.of(), List.of("SKU-1")).held(),
                "a refusal carrying the resource's data does not hold");
    }

    @Test
    void aJwtIsForgedFourWaysAndAnOpaqueTokenThree() throws Exception {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String jwt = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes()) + "."
                + b64.encodeToString("{\"sub\":\"alice\",\"exp\":4102444800}".getBytes()) + ".c2lnbmF0dXJl";
        List<TokenProbes.Forgery> forged = TokenProbes.forgeries(jwt);
        assertEquals(4, forged.size(), forged.toString());
        String[] none = forged.get(0).token().split("\\.", -1);
        assertEquals("none", json(new String(java.util.Base64.getUrlDecoder().decode(none[0]))).get("alg").asText());
        assertEquals("", none[2], "alg none carries no signature");
        String[] expired = forged.get(2).token().split("\\.");
        assertEquals(946684800L, json(new String(java.util.Base64.getUrlDecoder().decode(expired[1]))).get("exp").asLong());
        assertEquals("c2lnbmF0dXJl", expired[2], "the original signature, over other claims");
        assertEquals(List.of("key-alicex", "key-alicf", "key-alic"), TokenProbes.forgeries("key-alice").stream()
                .map(TokenProbes.Forgery::token).toList());
        assertEquals(new TokenProbes.Credential("Authorization", "Bearer ", "abc"),
                TokenProbes.credential(Map.of("Authorization", "Bearer abc")));
        assertEquals(new TokenProbes.Credential("Cookie", "session=", "s3cr3t"),
                TokenProbes.credential(Map.of("Cookie", "session=s3cr3t")));
        assertEquals(new TokenProbes.Credential("X-API-Key", "", "k-123"),
                TokenProbes.credential(Map.of("X-API-Key", "k-123")));
    }
}
