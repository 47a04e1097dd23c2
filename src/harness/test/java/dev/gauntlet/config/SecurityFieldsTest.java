package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.probe.Identity;
import dev.gauntlet.probe.ProbeKind;
import dev.gauntlet.probe.SecuritySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code identities:} and {@code security:}: read as data, on by default with contracts, mistakes named. */
class SecurityFieldsTest {
    @TempDir
    Path dir;

    private Path env(String more) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, """
                name: t
                services:
                  api: {underTest: true, command: [java, Main], health: /health}
                contracts: {folder: contracts}
                """ + more);
        return f;
    }

    private SecuritySpec read(String more) throws IOException {
        return GateSpecs.load(env(more), Map.of()).security();
    }

    private String mistake(String more) throws IOException {
        Path f = env(more);
        return assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of())).getMessage();
    }

    @Test
    void onByDefaultWithContractsEveryKindDefaultBounds() throws IOException {
        SecuritySpec s = read("");
        assertTrue(s.enabled());
        for (ProbeKind k : ProbeKind.values()) {
            assertTrue(s.runs(k), k.toString());
        }
        assertEquals(SecuritySpec.DEFAULT_MAX_PROBES, s.maxProbes());
        assertEquals(List.of(), s.identities());
    }

    @Test
    void readsIdentitiesKindsAndBounds() throws IOException {
        SecuritySpec s = read("""
                identities:
                  - {name: alice, headers: {Authorization: "Bearer key-alice"}}
                  - {name: bob, headers: {Authorization: "Bearer key-bob", X-Tenant: b}}
                security: {bola: false, maxProbes: 50, timeout: 20s, publicOperations: ["GET /products"]}
                """);
        assertEquals(List.of(new Identity("alice", Map.of("Authorization", "Bearer key-alice")),
                new Identity("bob", Map.of("Authorization", "Bearer key-bob", "X-Tenant", "b"))), s.identities());
        assertFalse(s.runs(ProbeKind.BOLA));
        assertTrue(s.runs(ProbeKind.VALIDATION));
        assertEquals(50, s.maxProbes());
        assertEquals(Duration.ofSeconds(20), s.timeout());
        assertEquals(List.of("GET /products"), s.publicOperations());
    }

    @Test
    void switchedOffWholeOrWithoutContracts() throws IOException {
        assertFalse(read("security: {enabled: false}\n").enabled());
        Path f = dir.resolve("no-contracts.yaml");
        Files.writeString(f, """
                name: t
                services:
                  api: {underTest: true, command: [java, Main], health: /health}
                security: {maxProbes: 10}
                """);
        assertFalse(GateSpecs.load(f, Map.of()).security().enabled(), "no contracts, nothing to make probes from");
        assertTrue(GateSpecs.load(env(""), Map.of("security.enabled", "false")).security().enabled() == false,
                "--set security.enabled=false");
    }

    @Test
    void mistakesNameFileFieldAndExpectation() throws IOException {
        assertTrue(mistake("identities:\n  - {name: bob}\n").contains("identities[0].headers: is required"));
        assertTrue(mistake("identities:\n  - {name: bob, headers: {}}\n").contains("expected at least one header"));
        assertTrue(mistake("identities:\n  - {name: a, headers: {X: \"1\"}}\n  - {name: a, headers: {X: \"2\"}}\n")
                .contains("identities[1].name: two identities are named 'a'"));
        assertTrue(mistake("identities:\n  - {name: a, headers: {X: \"1\"}}\n  - {name: b, headers: {X: \"1\"}}\n")
                .contains("the same credentials as identity 'a'"));
        assertTrue(mistake("identities:\n  - {name: a, headers: {\"Bad Header\": \"1\"}}\n")
                .contains("'Bad Header' is not a valid HTTP header name"));
        String unknown = mistake("security: {bolla: false}\n");
        assertTrue(unknown.contains("env.yaml: security.bolla: unknown field") && unknown.contains("bola"), unknown);
        assertTrue(mistake("security: {maxProbes: 0}\n").contains("security.maxProbes: expected a whole number"));
        assertTrue(mistake("security: {timeout: soon}\n").contains("security.timeout: expected a duration"));
        assertTrue(mistake("security: {publicOperations: [\"/products\"]}\n").contains("expected an operation"));
        Path f = dir.resolve("off.yaml");
        Files.writeString(f, """
                name: t
                services:
                  api: {underTest: true, command: [java, Main], health: /health}
                contracts: {enabled: false}
                security: {enabled: true}
                """);
        String e = assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of())).getMessage();
        assertTrue(e.contains("security.enabled: the security probes are made from the contracts"), e);
    }

    @Test
    void readsRolesTheBaselineAndDuringFaults() throws IOException {
        Files.writeString(dir.resolve("accepted.yaml"), """
                accepted:
                  - {finding: "bola DELETE /orders/{id} as bob on a resource of alice", reason: "ORD-1", expires: 2030-01-31}
                """);
        SecuritySpec s = read("""
                identities:
                  - {name: carol, headers: {Authorization: "Bearer key-carol"}, roles: [customer, admin]}
                security: {baseline: "%s", duringFaults: true}
                """.formatted(dir.resolve("accepted.yaml")));
        assertEquals(List.of("customer", "admin"), s.identities().get(0).roles());
        assertEquals("ORD-1", s.baseline().entries().get(0).reason());
        assertEquals(java.time.LocalDate.of(2030, 1, 31), s.baseline().entries().get(0).expires());
        assertTrue(s.duringFaults());
        assertFalse(read("").duringFaults());
    }

    @Test
    void aBaselineThatIsMissingOrMalformedIsNamed() throws IOException {
        String missing = mistake("security: {baseline: nowhere.yaml}\n");
        assertTrue(missing.contains("security.baseline") && missing.contains("does not exist")
                && missing.contains("gauntlet baseline --from"), missing);
        Files.writeString(dir.resolve("bad.yaml"), "accepted:\n  - {finding: x, reason: y, expires: soon}\n");
        String bad = mistake("security: {baseline: \"" + dir.resolve("bad.yaml") + "\"}\n");
        assertTrue(bad.contains("accepted[0].expires: expected a date such as 2027-03-31, got 'soon'"), bad);
        String role = mistake("identities:\n  - {name: a, headers: {X-Key: k}, roles: [\"\"]}\n");
        assertTrue(role.contains("identities[0].roles"), role);
    }
}
