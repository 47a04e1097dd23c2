package dev.gauntlet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate with a Pact Broker (a WireMock stub of its HAL answers on 127.0.0.1; no broker can run here) against the
 * real reference system: the pact the broker selects is verified with the folder's, its result published; a broken
 * one (a consumer expecting a field the provider does not have) fails the gate, and WARNs when the broker marks it
 * pending. Load and security probes are off (the contracts stage), except for the broker-only gate of the pending pact,
 * whose probes, traffic from contracts and conformance check run on the broker's pact.
 */
class BrokerGateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PACT_PATH = "/pacts/provider/orders-api/consumer/storefront/pact-version/p1";
    private static final String PUBLISH_PATH = PACT_PATH + "/verification-results";
    private static WireMockServer broker;

    @BeforeAll
    static void start() {
        broker = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        broker.start();
    }

    @AfterAll
    static void stop() {
        broker.stop();
    }

    @BeforeEach
    void reset() {
        broker.resetAll();
    }

    private static String base() {
        return "http://127.0.0.1:" + broker.port();
    }

    private static ResponseDefinitionBuilder hal(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json").withBody(body);
    }

    /** The broker serving the committed storefront pact, or one whose first object answer expects one more field. */
    private static void stubBroker(boolean broken, boolean pending) throws Exception {
        broker.stubFor(get(urlEqualTo("/")).willReturn(hal("""
                {"_links": {"pb:provider-pacts-for-verification": {
                  "href": "%s/pacts/provider/{provider}/for-verification", "templated": true}}}""".formatted(base()))));
        broker.stubFor(post(urlEqualTo("/pacts/provider/orders-api/for-verification")).willReturn(hal("""
                {"_embedded": {"pacts": [{"verificationProperties": {"pending": %s},
                  "_links": {"self": {"href": "%s%s", "name": "Pact between storefront (2.0.0) and orders-api"}}}]}}"""
                .formatted(pending, base(), PACT_PATH))));
        ObjectNode pact = (ObjectNode) JSON.readTree(Path.of("contracts/storefront-orders-api.json").toFile());
        if (broken) {
            for (JsonNode i : pact.get("interactions")) {
                JsonNode content = i.path("response").path("body").path("content");
                if (content.isObject() && i.path("response").path("status").asInt() == 200) {
                    ((ObjectNode) content).put("loyaltyPoints", 10);
                    break;
                }
            }
        }
        pact.putObject("_links").putObject("pb:publish-verification-results").put("href", base() + PUBLISH_PATH);
        broker.stubFor(get(urlEqualTo(PACT_PATH)).willReturn(hal(pact.toString())));
        broker.stubFor(post(urlEqualTo(PUBLISH_PATH)).willReturn(hal("{}").withStatus(201)));
    }

    private static GauntletProcess gate(Path out, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of("gate", "--out", out.toString(), "--set", "load.enabled=false",
                "--set", "security.enabled=false", "--set", "contracts.broker.url=" + base(),
                "--set", "contracts.broker.providerVersion=1.2.3", "--set", "contracts.broker.publishResults=true"));
        a.addAll(List.of(more));
        return GauntletProcess.start(a.toArray(String[]::new));
    }

    private static JsonNode report(Path out) throws Exception {
        return JSON.readTree(out.resolve("report.json").toFile());
    }

    @Test
    void theBrokersPactIsVerifiedWithTheFoldersAndTheResultPublished() throws Exception {
        stubBroker(false, false);
        Path out = GauntletProcess.out("broker-pass");
        GauntletProcess gate = gate(out);
        assertEquals(0, gate.await(Duration.ofMinutes(2)), gate.output());
        JsonNode c = report(out).get("contracts");
        assertTrue(c.get("pacts").toString().contains(base() + PACT_PATH), c.get("pacts").toString());
        assertEquals(0, c.get("failed").asInt(), c.toPrettyString());
        broker.verify(postRequestedFor(urlEqualTo(PUBLISH_PATH))
                .withRequestBody(matchingJsonPath("$.success", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.providerApplicationVersion", equalTo("1.2.3"))));
    }

    @Test
    void aBrokenPactFromTheBrokerFailsTheGate() throws Exception {
        stubBroker(true, false);
        Path out = GauntletProcess.out("broker-broken");
        GauntletProcess gate = gate(out);
        assertEquals(1, gate.await(Duration.ofMinutes(2)), gate.output());
        assertEquals("FAIL", report(out).get("verdict").asText());
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("loyaltyPoints"), "the failing test case names the missing field: " + junit);
        broker.verify(postRequestedFor(urlEqualTo(PUBLISH_PATH))
                .withRequestBody(matchingJsonPath("$.success", equalTo("false"))));
    }

    /**
     * A gate whose pacts come only from the broker (no contracts folder), its pact pending and broken: verification,
     * the security probes, traffic from contracts and the conformance check under load all run on the broker's pact,
     * and what it breaks WARNs, never FAILs.
     */
    @Test
    void aBrokenPendingPactWarnsAndThePendingIsSaid() throws Exception {
        stubBroker(true, true);
        Path out = GauntletProcess.out("broker-pending");
        GauntletProcess gate = gate(out, "--set", "contracts.broker.enablePending=true",
                "--set", "contracts.folder=target/it/no-pacts-here", "--set", "security.enabled=true",
                "--set", "load.enabled=true", "--set", "load.simulation=null", "--set", "load.settings=null",
                "--set", "load.from=contracts", "--set", "objectives=[]", "--set", "faults=[]", "--set",
                "load.plan=[{phase: warmup, rate: 10/s, duration: 3s}, {phase: baseline, rate: 20/s, duration: 6s}]");
        assertEquals(0, gate.await(Duration.ofMinutes(3)), gate.output());
        JsonNode r = report(out);
        assertEquals("WARN", r.get("verdict").asText(), r.get("reasons").toPrettyString());
        assertTrue(r.get("reasons").toString().contains("pending pact, contract broken"), r.get("reasons").toString());

        String pact = base() + PACT_PATH;
        assertEquals("[\"" + pact + " (pending)\"]", r.at("/contracts/pacts").toString(), "the broker's pact only");
        int probes = 0;
        for (JsonNode k : r.at("/security/kinds")) {
            probes += k.get("passed").asInt() + k.get("failed").asInt();
        }
        assertTrue(probes > 0, "the probes are made from the broker's pact: " + r.get("security"));
        int replayed = 0;
        for (JsonNode op : r.at("/load/operations")) {
            for (JsonNode i : op.get("interactions")) {
                assertEquals(pact, i.get("pact").asText(), i.toString());
                replayed += i.get("how").asText().equals("left-out") ? 0 : 1;
            }
        }
        assertTrue(replayed > 0 && r.at("/load/requests").asLong() > 0, "traffic from the broker's pact: "
                + r.at("/load/operations"));
        long checked = 0;
        long brokenPending = 0;
        for (JsonNode o : r.get("objectives")) {
            assertFalse(o.get("status").asText().equals("FAIL"), o.toString());
            if (o.get("kind").asText().equals("conformance")) {
                checked += o.at("/figures/checked").asLong();
                brokenPending += o.at("/figures/brokenPending").asLong();
            }
        }
        assertTrue(checked > 0, "answers under load matched against the broker's pact: " + r.get("objectives"));
        assertTrue(brokenPending > 0, "GET /orders/{id} answers break the pending pact, a WARN: " + r.get("objectives"));
    }

    @Test
    void anUnreachableBrokerEndsTheGateWithExitThree() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path out = GauntletProcess.out("broker-unreachable");
        GauntletProcess gate = gate(out, "--set", "contracts.broker.url=http://127.0.0.1:" + closed);
        assertEquals(3, gate.await(Duration.ofMinutes(2)), gate.output());
        assertTrue(gate.output().contains("cannot reach the Pact Broker at http://127.0.0.1:" + closed), gate.output());
        assertTrue(Files.exists(out.resolve("report.json")), "the report is written");
    }
}
