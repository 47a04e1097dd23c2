package dev.gauntlet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every probe kind against a small real API ({@link TodoApi} on 127.0.0.1), made from a pact and an OpenAPI document
 * as the gate makes them: the honest API passes every kind; each flaw fails exactly the kind that aims at it.
 */
class SecurityProbeKindsTest {
    static final List<Identity> IDENTITIES = List.of(
            new Identity("alice", Map.of("Authorization", "Bearer tok-alice"), List.of("user")),
            new Identity("bob", Map.of("Authorization", "Bearer tok-bob"), List.of("user")),
            new Identity("root", Map.of("Authorization", "Bearer tok-root"), List.of("user", "admin")));

    static SecurityResults probe(TodoApi api, Set<ProbeKind> kinds) throws Exception {
        return SecurityStage.run(spec(kinds), contracts(), ContractInputs.load(contracts(), "todo-api", api.url()),
                "todo-api", api.url());
    }

    static SecuritySpec spec(Set<ProbeKind> kinds) {
        return new SecuritySpec(true, kinds, IDENTITIES, List.of(), 400, Duration.ofSeconds(60));
    }

    /** The to-do API's pact and OpenAPI document. */
    static ContractsSpec contracts() throws Exception {
        return new ContractsSpec(true, resource("/probe-todo"), "/_state",
                resource("/probe-todo-openapi.json").toUri().toString(), List.of(), List.of());
    }

    private static Path resource(String name) throws Exception {
        return Path.of(SecurityProbeKindsTest.class.getResource(name).toURI());
    }

    private static Map<String, Status> statuses(SecurityResults r) {
        return r.objectives().stream().collect(Collectors.toMap(ObjectiveResult::name, ObjectiveResult::status));
    }

    @Test
    void anHonestApiPassesEveryKind() throws Exception {
        try (TodoApi api = new TodoApi()) {
            SecurityResults r = probe(api, EnumSet.allOf(ProbeKind.class));
            assertEquals(List.of(), r.failures().stream().map(ProbeResult::summary).toList());
            assertEquals(List.of(), r.warnings().stream().map(ProbeResult::warning).toList());
            for (SecurityResults.Kind k : r.kinds()) {
                assertTrue(k.passed() > 0, "every kind finds something to probe: " + k + " " + r.notes());
            }
            assertTrue(statuses(r).values().stream().allMatch(s -> s == Status.PASS), statuses(r).toString());
        }
    }

    /** The flaw fails {@code kind}'s objective, and only it. */
    private static ProbeResult failsOnly(ProbeKind kind, TodoApi.Flaw flaw) throws Exception {
        try (TodoApi api = new TodoApi(flaw)) {
            SecurityResults r = probe(api, EnumSet.allOf(ProbeKind.class));
            Map<String, Status> statuses = statuses(r);
            statuses.forEach((name, status) -> assertEquals(name.equals("security " + kind.title()) ? Status.FAIL
                    : Status.PASS, status, flaw + ": " + name + " " + r.failures().stream().map(ProbeResult::summary).toList()));
            ProbeResult f = r.failures().get(0);
            assertTrue(f.request().url().startsWith("http://127.0.0.1:") && f.reason().length() > 10, f.toString());
            return f;
        }
    }

    @Test
    void aListCarryingAnotherUsersTodoFailsTheCollectionProbe() throws Exception {
        ProbeResult f = failsOnly(ProbeKind.LIST_AUTHORIZATION, TodoApi.Flaw.LIST_LEAK);
        assertEquals("GET /todos", f.operation());
        assertTrue(f.reason().contains("carries a resource of bob"), f.reason());
    }

    @Test
    void aTamperedTokenAcceptedFailsTheTokenProbe() throws Exception {
        ProbeResult f = failsOnly(ProbeKind.TOKENS, TodoApi.Flaw.TOKEN_PREFIX);
        assertTrue(f.probe().startsWith("token with"), f.probe());
        assertEquals("<redacted>", f.request().headers().get("Authorization"), "a forged token is not shown");
    }

    @Test
    void theAdminOperationAnsweredToAUserFailsTheFunctionLevelProbe() throws Exception {
        ProbeResult f = failsOnly(ProbeKind.FUNCTION_AUTHORIZATION, TodoApi.Flaw.ROLE_BYPASS);
        assertEquals("GET /admin/stats", f.operation());
        assertTrue(f.evidence().keySet().stream().anyMatch(k -> k.contains("as root")), f.evidence().toString());
    }

    @Test
    void aNestedPropertyStoredFromTheRequestFailsTheNestedMassAssignmentProbe() throws Exception {
        ProbeResult f = failsOnly(ProbeKind.NESTED_MASS_ASSIGNMENT, TodoApi.Flaw.NESTED_ASSIGNMENT);
        assertEquals("undeclared $.meta.verified = true", f.probe());
        assertTrue(f.evidence().get("read back").startsWith("200"), f.evidence().toString());
    }

    @Test
    void aQuoteInThePathAnswered500FailsTheInjectionProbe() throws Exception {
        ProbeResult f = failsOnly(ProbeKind.PARAMETER_INJECTION, TodoApi.Flaw.QUOTE_500);
        assertTrue(f.probe().startsWith("path parameter {id} = '"), f.probe());
        assertEquals(500, f.answer().status());
    }

    @Test
    void misconfigurationsFailTheMisconfigurationProbe() throws Exception {
        assertTrue(failsOnly(ProbeKind.MISCONFIGURATION, TodoApi.Flaw.CORS).reason().contains("Allow-Credentials"));
        ProbeResult version = failsOnly(ProbeKind.MISCONFIGURATION, TodoApi.Flaw.SERVER_VERSION);
        assertEquals("versions in the answer's headers", version.probe());
        assertTrue(version.reason().contains("server: TodoServer/1.4.2"), version.reason());
        assertEquals("TRACE", failsOnly(ProbeKind.MISCONFIGURATION, TodoApi.Flaw.TRACE_OK).probe());
    }

    @Test
    void whatTheDocumentDoesNotListFailsTheInventoryProbe() throws Exception {
        assertEquals("PATCH /todos/{id}", failsOnly(ProbeKind.INVENTORY, TodoApi.Flaw.PATCH_OK).operation());
        assertEquals("GET /actuator/env", failsOnly(ProbeKind.INVENTORY, TodoApi.Flaw.ACTUATOR).operation());
    }

    @Test
    void aPageSizeFarBeyondTheMaximumHonouredFailsTheResourceProbe() throws Exception {
        ProbeResult f = failsOnly(ProbeKind.RESOURCE_LIMITS, TodoApi.Flaw.UNBOUNDED);
        assertEquals("limit = 1000000 (documented maximum 50)", f.probe());
    }

    @Test
    void aRefusalThatLeavesTheResourceUnchangedHoldsAndWarnsAboutItsStatus() throws Exception {
        try (TodoApi api = new TodoApi(TodoApi.Flaw.PUT_401)) {
            SecurityResults r = probe(api, EnumSet.of(ProbeKind.BOLA));
            assertEquals(List.of(), r.failures().stream().map(ProbeResult::summary).toList());
            assertEquals(1, r.warnings().size(), r.toString());
            assertTrue(r.warnings().get(0).warning().startsWith("refused with 401 where 403 or 404 is due"),
                    r.warnings().get(0).warning());
            assertEquals(Status.WARN, statuses(r).get("security object-level authorization"));
        }
        try (TodoApi api = new TodoApi(TodoApi.Flaw.PUT_CHANGES)) {
            SecurityResults r = probe(api, EnumSet.of(ProbeKind.BOLA));
            assertEquals(1, r.failures().size(), r.toString());
            assertTrue(r.failures().get(0).reason().contains("\"seeded\" → "), r.failures().get(0).reason());
        }
    }
}
