package dev.gauntlet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * APIs of honest shapes the probes once flagged — a rate limit, CORS {@code *}, a Rails {@code X-Runtime}, a
 * catch-all route, Spring's actuator index, a PUT routed like PATCH, a language cookie next to the session, an
 * identity without roles, a value every resource shares, a rating bounded by a maximum — pass (or only WARN), on the
 * small real to-do API ({@link TodoApi}); the seeded flaws they resemble are still caught.
 */
class HonestShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The to-do contracts with the pact's and the document's text changed, written afresh. */
    static ContractsSpec contracts(UnaryOperator<String> pact, UnaryOperator<String> doc) throws Exception {
        ContractsSpec base = SecurityProbeKindsTest.contracts();
        Path dir = Files.createTempDirectory("gauntlet-probe-todo");
        Path pacts = Files.createDirectories(dir.resolve("pacts"));
        Path pactFile = base.folder().resolve("todo-app-todo-api.json");
        Files.writeString(pacts.resolve("todo-app-todo-api.json"), pact.apply(Files.readString(pactFile)));
        Path docFile = Path.of(java.net.URI.create(base.openapi()));
        Path written = dir.resolve("openapi.json");
        Files.writeString(written, doc.apply(Files.readString(docFile)));
        return new ContractsSpec(true, pacts, "/_state", written.toUri().toString(), List.of(), List.of());
    }

    static SecurityResults probe(TodoApi api, ContractsSpec contracts, SecuritySpec spec) throws Exception {
        return SecurityStage.run(spec, contracts, ContractInputs.load(contracts, "todo-api", api.url()), "todo-api",
                api.url());
    }

    private static SecurityResults probe(TodoApi api, Set<ProbeKind> kinds) throws Exception {
        return probe(api, SecurityProbeKindsTest.contracts(), SecurityProbeKindsTest.spec(kinds));
    }

    private static Status status(SecurityResults r, ProbeKind kind) {
        return r.objectives().stream().filter(o -> o.name().equals("security " + kind.title())).findFirst()
                .map(ObjectiveResult::status).orElseThrow();
    }

    private static List<String> failures(SecurityResults r) {
        return r.failures().stream().map(ProbeResult::summary).toList();
    }

    @Test
    void aRateLimitThatPersistsIsNotJudged() throws Exception {
        try (TodoApi api = new TodoApi(TodoApi.Flaw.RATE_LIMIT_ANON)) {
            SecurityResults r = probe(api, EnumSet.of(ProbeKind.AUTHENTICATION));
            assertEquals(List.of(), failures(r));
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("not judged: still answered 429")), r.notes().toString());
        }
    }

    @Test
    void corsStarWithCredentialsWarnsAndARuntimeHeaderIsNoVersion() throws Exception {
        try (TodoApi api = new TodoApi(TodoApi.Flaw.CORS_STAR, TodoApi.Flaw.RUNTIME_HEADER)) {
            SecurityResults r = probe(api, EnumSet.of(ProbeKind.MISCONFIGURATION));
            assertEquals(List.of(), failures(r));
            assertEquals(Status.WARN, status(r, ProbeKind.MISCONFIGURATION));
            assertTrue(r.warnings().stream().allMatch(w -> w.warning().startsWith("Access-Control-Allow-Origin: *")),
                    r.warnings().toString());
        }
        Reply jetty = new Reply(200, Map.of("server", "Jetty(11.0.20)"), "", null);
        assertEquals("server: Jetty(11.0.20)", MisconfigurationProbes.version(jetty));
        assertNull(MisconfigurationProbes.version(new Reply(200, Map.of("x-runtime", "0.018", "server", "gunicorn"),
                "", null)));
    }

    @Test
    void aCatchAllRouteIsNoDebugEndpointButAnotherBodyWarnsAndActuatorAloneStillFails() throws Exception {
        try (TodoApi api = new TodoApi(TodoApi.Flaw.CATCH_ALL, TodoApi.Flaw.ACTUATOR_INDEX)) {
            SecurityResults r = probe(api, EnumSet.of(ProbeKind.INVENTORY));
            assertEquals(List.of(), failures(r));
            assertEquals(List.of(), r.warnings().stream().map(ProbeResult::warning).toList());
            assertTrue(r.kinds().stream().filter(k -> k.kind() == ProbeKind.INVENTORY).findFirst().orElseThrow()
                    .passed() >= InventoryProbes.UNDOCUMENTED.size(), r.kinds().toString());
        }
        try (TodoApi api = new TodoApi(TodoApi.Flaw.CATCH_ALL, TodoApi.Flaw.ACTUATOR)) {
            SecurityResults r = probe(api, EnumSet.of(ProbeKind.INVENTORY));
            assertEquals(List.of(), failures(r));
            assertEquals(List.of("GET /actuator/env"), r.warnings().stream().map(ProbeResult::operation).toList());
        }
        try (TodoApi api = new TodoApi(TodoApi.Flaw.ACTUATOR)) {
            SecurityResults r = probe(api, EnumSet.of(ProbeKind.INVENTORY));
            assertEquals(List.of("GET /actuator/env"), r.failures().stream().map(ProbeResult::operation).toList());
        }
    }

    @Test
    void aPutAnsweredWhereOnlyPatchIsDocumentedWarns() throws Exception {
        ContractsSpec patch = contracts(p -> p.replace("\"method\": \"PUT\"", "\"method\": \"PATCH\""),
                d -> d.replace("\"put\":", "\"patch\":"));
        try (TodoApi api = new TodoApi(TodoApi.Flaw.PATCH_RENAMES)) {
            SecurityResults r = probe(api, patch, SecurityProbeKindsTest.spec(EnumSet.of(ProbeKind.INVENTORY)));
            assertEquals(List.of(), failures(r));
            assertEquals(List.of("PUT /todos/{id}"), r.warnings().stream().map(ProbeResult::operation).toList());
        }
    }

    @Test
    void aLanguageCookieNextToTheSessionIsNotTheToken() throws Exception {
        ContractsSpec cookies = contracts(p -> p.replace("\"Authorization\": \"Bearer tok-alice\"",
                "\"Cookie\": \"session=tok-alice; lang=en\""), d -> d);
        List<Identity> identities = SecurityProbeKindsTest.IDENTITIES.stream().map(i -> new Identity(i.name(),
                Map.of("Cookie", "session=" + i.headers().get("Authorization").substring(7) + "; lang=en"),
                i.roles())).toList();
        SecuritySpec spec = new SecuritySpec(true, EnumSet.of(ProbeKind.TOKENS), identities, List.of(), 400,
                Duration.ofSeconds(60));
        try (TodoApi api = new TodoApi(TodoApi.Flaw.COOKIES)) {
            SecurityResults r = probe(api, cookies, spec);
            assertEquals(List.of(), failures(r));
            assertTrue(r.kinds().stream().anyMatch(k -> k.kind() == ProbeKind.TOKENS && k.passed() > 3), r.toString());
        }
        try (TodoApi api = new TodoApi(TodoApi.Flaw.COOKIES, TodoApi.Flaw.TOKEN_PREFIX)) {
            SecurityResults r = probe(api, cookies, spec);
            assertFalse(r.failures().isEmpty(), "a tampered session cookie accepted still fails");
            assertTrue(r.failures().stream().allMatch(f -> f.request().headers().get("Cookie") != null), r.toString());
        }
    }

    @Test
    void anIdentityWithoutRolesIsNotJudgedByFunctionLevelProbes() throws Exception {
        List<Identity> identities = List.of(SecurityProbeKindsTest.IDENTITIES.get(0), SecurityProbeKindsTest
                .IDENTITIES.get(1), new Identity("root", Map.of("Authorization", "Bearer tok-root"), List.of()));
        SecuritySpec spec = new SecuritySpec(true, EnumSet.of(ProbeKind.FUNCTION_AUTHORIZATION), identities,
                List.of(), 400, Duration.ofSeconds(60));
        try (TodoApi api = new TodoApi()) {
            SecurityResults r = probe(api, SecurityProbeKindsTest.contracts(), spec);
            assertEquals(List.of(), failures(r));
            assertEquals(2, r.kinds().stream().filter(k -> k.kind() == ProbeKind.FUNCTION_AUTHORIZATION)
                    .findFirst().orElseThrow().passed(), "alice and bob, who declare roles without admin");
        }
        try (TodoApi api = new TodoApi(TodoApi.Flaw.ROLE_BYPASS)) {
            assertEquals(2, probe(api, SecurityProbeKindsTest.contracts(), spec).failures().size());
        }
    }

    @Test
    void aValueEveryonesResourcesShareIsNoLeak() throws Exception {
        try (TodoApi api = new TodoApi(TodoApi.Flaw.SHARED_LIST)) {
            SecurityResults r = probe(api, EnumSet.of(ProbeKind.LIST_AUTHORIZATION));
            assertEquals(List.of(), failures(r));
            assertTrue(r.kinds().stream().anyMatch(k -> k.kind() == ProbeKind.LIST_AUTHORIZATION && k.passed() > 0));
        }
        try (TodoApi api = new TodoApi(TodoApi.Flaw.SHARED_LIST, TodoApi.Flaw.LIST_LEAK)) {
            SecurityResults r = probe(api, EnumSet.of(ProbeKind.LIST_AUTHORIZATION));
            assertEquals(1, r.failures().size(), r.toString());
            assertFalse(r.failures().get(0).reason().contains("inbox"), r.failures().get(0).reason());
        }
        assertTrue(ListAuthorizationProbes.parent("/orders", "/orders/{id}"));
        assertTrue(ListAuthorizationProbes.parent("/orders/", "/orders/{orderId}/items"));
        assertFalse(ListAuthorizationProbes.parent("/orders", "/orders/recent"));
        assertFalse(ListAuthorizationProbes.parent("/orders", "/users/{id}"));
    }

    @Test
    void anIntegerBoundedByAMaximumIsNoPageSize() throws Exception {
        ContractsSpec rating = contracts(p -> p, d -> d.replace("\"schema\": {\"type\": \"integer\", \"minimum\": 1, "
                + "\"maximum\": 50}}]", "\"schema\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 50}}, "
                + "{\"name\": \"rating\", \"in\": \"query\", \"schema\": {\"type\": \"integer\", \"maximum\": 5}}]"));
        try (TodoApi api = new TodoApi()) {
            SecurityResults r = probe(api, rating, SecurityProbeKindsTest.spec(EnumSet.of(ProbeKind.RESOURCE_LIMITS)));
            assertEquals(List.of(), failures(r));
            assertTrue(r.kinds().stream().anyMatch(k -> k.kind() == ProbeKind.RESOURCE_LIMITS && k.passed() > 0));
        }
        assertTrue(ResourceLimitProbes.pageSize("per_page") && ResourceLimitProbes.pageSize("pageSize")
                && ResourceLimitProbes.pageSize("$top") && !ResourceLimitProbes.pageSize("rating"));
    }

    @Test
    void theDocumentIsReadExactPathsFirstAndAcrossEveryCombiner() throws Exception {
        OpenApi api = new OpenApi(JSON.readTree("""
                {"paths": {"/users/{id}": {"get": {}}, "/users/me": {"get": {}}},
                 "components": {"schemas": {"A": {"properties": {"a": {"type": "string"}}}}}}"""));
        assertEquals("/users/me", api.documentedPath("/users/me"));
        assertEquals("/users/{id}", api.documentedPath("/users/42"));
        for (String combiner : List.of("allOf", "oneOf", "anyOf")) {
            var schema = JSON.readTree("{\"" + combiner + "\": [{\"properties\": {\"b\": {}}}, "
                    + "{\"$ref\": \"#/components/schemas/A\"}]}");
            assertEquals("string", api.property(schema, "a").path("type").asText(), combiner);
        }
    }

    @Test
    void anAdminDeleteAnsweredToAUserIsCaughtBeforeTheControlRemovesTheResource() throws Exception {
        ContractsSpec purge = contracts(p -> p, d -> d.replace("\"/admin/stats\": {", "\"/admin/todos/{id}\": {"
                + "\"delete\": {\"security\": [{\"bearer\": [\"admin\"]}], \"parameters\": [{\"name\": \"id\", "
                + "\"in\": \"path\", \"required\": true, \"schema\": {\"type\": \"string\"}, \"example\": \"t-1\"}], "
                + "\"responses\": {\"204\": {\"description\": \"purged\"}}}}, \"/admin/stats\": {"));
        SecuritySpec spec = SecurityProbeKindsTest.spec(EnumSet.of(ProbeKind.FUNCTION_AUTHORIZATION));
        try (TodoApi api = new TodoApi(TodoApi.Flaw.ROLE_BYPASS)) {
            var made = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    api.url().resolve("/todos")).header("Authorization", "Bearer tok-alice").header("Content-Type",
                    "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(201, made.statusCode(), made.body());
            SecurityResults r = probe(api, purge, spec);
            assertTrue(r.failures().stream().anyMatch(f -> f.operation().equals("DELETE /admin/todos/{id}")
                    && f.answer().status() == 204), failures(r).toString());
        }
    }
}
