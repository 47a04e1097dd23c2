package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.contract.BrokerSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contracts.broker}: read as data; credentials only as variable names; mistakes named by file and field. */
class BrokerFieldsTest {
    @TempDir
    Path dir;

    private Path env(String broker) throws IOException {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, """
                name: t
                services:
                  api: {underTest: true, command: [java, Main], health: /health}
                contracts:
                  broker:
                """ + broker.indent(4));
        return f;
    }

    private BrokerSpec read(String broker) throws IOException {
        return GateSpecs.load(env(broker), Map.of()).contracts().broker();
    }

    private String mistake(String broker) throws IOException {
        Path f = env(broker);
        ConfigException e = assertThrows(ConfigException.class, () -> GateSpecs.load(f, Map.of()));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsEveryField() throws IOException {
        BrokerSpec b = read("""
                url: https://broker.example.com
                token: PACT_BROKER_TOKEN
                selectors: [mainBranch, deployedOrReleased, {branch: feature-x, consumer: storefront},
                            {deployed: true, environment: production}]
                enablePending: true
                includeWipPactsSince: 2026-01-01
                providerVersion: ${GIT_COMMIT}
                providerBranch: ${BRANCH_NAME}
                publishResults: true
                """);
        assertEquals(URI.create("https://broker.example.com"), b.url());
        assertEquals("PACT_BROKER_TOKEN", b.tokenVariable());
        assertEquals(List.of(Map.of("mainBranch", true), Map.of("deployedOrReleased", true),
                Map.of("branch", "feature-x", "consumer", "storefront"),
                Map.of("deployed", true, "environment", "production")), b.selectors());
        assertTrue(b.enablePending());
        assertEquals("2026-01-01", b.includeWipPactsSince());
        assertEquals("${GIT_COMMIT}", b.providerVersion(), "filled from the environment when the broker is called");
        assertEquals("${BRANCH_NAME}", b.providerBranch());
        assertTrue(b.publishResults());
    }

    @Test
    void onlyTheUrlIsRequired() throws IOException {
        BrokerSpec b = read("url: http://127.0.0.1:9292\n");
        assertNull(b.tokenVariable());
        assertEquals(List.of(), b.selectors(), "the defaults (mainBranch, deployedOrReleased) apply when asking");
        assertFalse(b.enablePending());
        assertFalse(b.publishResults());
    }

    @Test
    void theBrokerCanBeSetFromTheCommandLine() throws IOException {
        Path f = dir.resolve("plain.yaml");
        Files.writeString(f, """
                name: t
                services:
                  api: {underTest: true, command: [java, Main], health: /health}
                contracts: {folder: pacts}
                """);
        assertNull(GateSpecs.load(f, Map.of()).contracts().broker());
        BrokerSpec b = GateSpecs.load(f, Map.of("contracts.broker.url", "http://127.0.0.1:9292",
                "contracts.broker.providerVersion", "'1e5'")).contracts().broker();
        assertEquals("http://127.0.0.1:9292", b.url().toString());
        assertEquals("1e5", b.providerVersion(), "quoted, a version that looks like a number stays text");
    }

    @Test
    void mistakesAreNamed() throws IOException {
        assertTrue(mistake("url: broker.example.com\n").contains("contracts.broker.url: expected the broker's http(s) base URL"));
        assertTrue(mistake("url: http://b\ntoken: eyJhbGciOi.secret-value\n")
                .contains("contracts.broker.token: expected the NAME of the environment variable"));
        assertTrue(mistake("url: http://b\ntoken: T\nusername: U\npassword: P\n").contains("not both"));
        assertTrue(mistake("url: http://b\nusername: U\n").contains("contracts.broker.password: is required with username"));
        assertTrue(mistake("url: http://b\nselectors: [latestOnly]\n").contains("contracts.broker.selectors[0]: expected one of"));
        assertTrue(mistake("url: http://b\nselectors: [{brnch: x}]\n").contains("contracts.broker.selectors[0].brnch: unknown field"));
        assertTrue(mistake("url: http://b\nselectors: [{deployed: true}]\n").contains("need an environment"));
        assertTrue(mistake("url: http://b\nincludeWipPactsSince: 2026-01-01\n").contains("needs enablePending: true"));
        assertTrue(mistake("url: http://b\nenablePending: true\nincludeWipPactsSince: last week\n")
                .contains("expected a date such as 2026-01-01"));
        assertTrue(mistake("url: http://b\npublishResults: true\n").contains("contracts.broker.providerVersion: is required with publishResults"));
        assertTrue(mistake("url: http://b\nurl2: x\n").contains("contracts.broker.url2: unknown field"));
    }
}
