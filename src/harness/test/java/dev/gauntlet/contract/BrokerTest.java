package dev.gauntlet.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gauntlet.cli.Gauntlet;
import dev.gauntlet.probe.ProbeKind;
import dev.gauntlet.probe.ProbeResult;
import dev.gauntlet.probe.SecurityResults;
import dev.gauntlet.probe.SecuritySpec;
import dev.gauntlet.probe.SecurityStage;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.report.Reason;
import dev.gauntlet.report.Report;
import dev.gauntlet.report.Verdicts;
import dev.gauntlet.slo.Status;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Pact Broker part of the contracts stage and can-i-deploy, against a WireMock stub on 127.0.0.1 serving the
 * broker's documented HAL answers (index, pacts-for-verification, the pact with its publish link, the matrix). The
 * pact is the committed {@code contracts/fulfilment-orders-api.json}; the provider is a second WireMock serving
 * that pact's responses (or one broken answer); the verification is pact-jvm's real verifier.
 */
class BrokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PACT_PATH = "/pacts/provider/orders-api/consumer/fulfilment/pact-version/abc123";
    private static final String PUBLISH_PATH = PACT_PATH + "/metadata/xyz/verification-results";
    private static final String PACT_NAME = "Pact between fulfilment (1.0.0+a1b2c3) and orders-api";

    private static WireMockServer broker;
    private static WireMockServer provider;

    @BeforeAll
    static void start() {
        broker = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        broker.start();
        provider.start();
    }

    @AfterAll
    static void stop() {
        broker.stop();
        provider.stop();
    }

    @BeforeEach
    void reset() {
        broker.resetAll();
        provider.resetAll();
    }

    private static String base() {
        return "http://127.0.0.1:" + broker.port();
    }

    private static JsonNode pact() throws IOException {
        return JSON.readTree(Path.of("contracts/fulfilment-orders-api.json").toFile());
    }

    /** The broker's index, the pacts-for-verification answer with one pact, the pact itself, the publish link. */
    private static void stubBroker(boolean pending) throws IOException {
        broker.stubFor(get(urlEqualTo("/")).willReturn(hal("""
                {"_links": {
                  "self": {"href": "%1$s"},
                  "pb:provider-pacts-for-verification": {"href": "%1$s/pacts/provider/{provider}/for-verification",
                    "templated": true, "title": "Pact versions to be verified for the specified provider"},
                  "pb:latest-provider-pacts": {"href": "%1$s/pacts/provider/{provider}/latest", "templated": true}
                }}""".formatted(base()))));
        broker.stubFor(post(urlEqualTo("/pacts/provider/orders-api/for-verification")).willReturn(hal("""
                {"_embedded": {"pacts": [{
                  "shortDescription": "latest from main branch",
                  "verificationProperties": {"pending": %2$s, "notices": [{"when": "before_verification",
                    "text": "The pact at %1$s%3$s is being verified because it matches the following configured selection criterion: latest pact for a consumer version from the main branch"}]},
                  "_links": {"self": {"href": "%1$s%3$s", "name": "%4$s"}}
                }]},
                "_links": {"self": {"href": "%1$s/pacts/provider/orders-api/for-verification"}}}"""
                .formatted(base(), pending, PACT_PATH, PACT_NAME))));
        ObjectNode pact = (ObjectNode) pact();
        ObjectNode links = pact.putObject("_links");
        links.putObject("self").put("href", base() + PACT_PATH).put("title", "Pact");
        links.putObject("pb:publish-verification-results").put("title", "Publish verification results")
                .put("href", base() + PUBLISH_PATH);
        links.putObject("pb:provider").put("title", "Provider").put("name", "orders-api")
                .put("href", base() + "/pacticipants/orders-api");
        broker.stubFor(get(urlEqualTo(PACT_PATH)).willReturn(hal(pact.toString())));
        broker.stubFor(post(urlEqualTo(PUBLISH_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/hal+json").withBody("{\"success\": true}")));
        broker.stubFor(get(urlEqualTo("/pacticipants/orders-api")).willReturn(hal("""
                {"name": "orders-api", "_links": {"pb:branch-version": {"href":
                  "%s/pacticipants/orders-api/branches/{branch}/versions/{version}", "templated": true}}}"""
                .formatted(base()))));
        broker.stubFor(put(urlPathEqualTo("/pacticipants/orders-api/branches/main/versions/1.2.3"))
                .willReturn(hal("{}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder hal(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json;charset=utf-8").withBody(body);
    }

    /**
     * The provider: every interaction of the pact answered as the pact expects; with {@code broken}, the first
     * interaction's body loses its first field (what a provider that dropped a field would answer).
     */
    private static void stubProvider(boolean broken) throws IOException {
        provider.stubFor(post(urlEqualTo("/_state")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"orderId\": \"ord-17\"}")));
        boolean first = true;
        for (JsonNode i : pact().get("interactions")) {
            JsonNode req = i.get("request");
            JsonNode res = i.get("response");
            ObjectNode body = res.get("body").get("content").deepCopy();
            if (broken && first) {
                Iterator<String> names = body.fieldNames();
                names.next();
                names.remove();
            }
            first = false;
            provider.stubFor(request(req.get("method").asText(), urlEqualTo(req.get("path").asText()))
                    .willReturn(aResponse().withStatus(res.get("status").asInt())
                            .withHeader("Content-Type", "application/json").withBody(body.toString())));
        }
    }

    private static BrokerSpec spec(boolean pending, boolean publish, String branch) {
        return new BrokerSpec(URI.create(base()), null, null, null,
                List.of(Map.of("mainBranch", true), Map.of("branch", "feature-x")), pending, null, "1.2.3", branch,
                publish);
    }

    private static ContractResults verify(BrokerSpec spec, Map<String, String> env) {
        ContractsSpec contracts = new ContractsSpec(true, Path.of("target/no-such-folder"), "/_state", null, List.of(),
                List.of(), spec);
        URI url = URI.create("http://127.0.0.1:" + provider.port());
        Broker broker = new Broker(spec, env::get);
        return ContractStage.verify(contracts, ContractInputs.load(contracts, broker, "orders-api", url), "orders-api",
                url, broker);
    }

    /** The verdict the gate makes of these results (as Gate turns them into the report's contracts). */
    private static Verdicts.Verdict verdict(ContractResults r) {
        Report.Contracts c = new Report.Contracts(r.interactions().size(), r.passed(), r.failed(), r.failures(),
                r.problems(), r.pacts(), r.interactions(), r.coverage(), r.exposure(), r.allowedExposure(), r.millis(),
                r.published());
        return Verdicts.of(c, null, List.of(), List.of(), null);
    }

    @Test
    void thePactFromTheBrokerIsVerifiedAndItsSuccessPublished() throws IOException {
        stubBroker(false);
        stubProvider(false);
        ContractResults r = verify(spec(true, true, "${BRANCH}"), Map.of("BRANCH", "main"));
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(base() + PACT_PATH), r.pacts());
        assertEquals(2, r.interactions().size());
        assertEquals(2, r.passed());
        Verdicts.Verdict v = verdict(r);
        assertEquals(Status.PASS, v.status(), v.checks().toString());
        assertTrue(v.checks().stream().anyMatch(c -> c.source().equals("contracts.broker")
                && c.message().contains("published: success for provider version 1.2.3")), v.checks().toString());
        broker.verify(postRequestedFor(urlEqualTo("/pacts/provider/orders-api/for-verification"))
                .withRequestBody(equalToJson("""
                        {"consumerVersionSelectors": [{"mainBranch": true}, {"branch": "feature-x"}],
                         "includePendingStatus": true, "providerVersionBranch": "main"}""", true, true)));
        broker.verify(postRequestedFor(urlEqualTo(PUBLISH_PATH))
                .withRequestBody(matchingJsonPath("$.success", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.providerApplicationVersion", equalTo("1.2.3"))));
        broker.verify(putRequestedFor(urlEqualTo("/pacticipants/orders-api/branches/main/versions/1.2.3")));
        assertEquals(2, provider.findAll(getRequestedFor(urlPathEqualTo("/orders/ord-17"))).size()
                + provider.findAll(getRequestedFor(urlPathEqualTo("/orders"))).size(), "each interaction sent once");
    }

    @Test
    void aBrokenPactFromTheBrokerFailsAndItsFailureIsPublished() throws IOException {
        stubBroker(false);
        stubProvider(true);
        ContractResults r = verify(spec(true, true, null), Map.of());
        assertEquals(1, r.failed());
        Verdicts.Verdict v = verdict(r);
        assertEquals(Status.FAIL, v.status());
        Reason broken = v.checks().stream().filter(c -> c.status() == Status.FAIL).findFirst().orElseThrow();
        assertEquals("contracts.fulfilment", broken.source());
        assertTrue(broken.message().startsWith("contract broken: "), broken.message());
        broker.verify(postRequestedFor(urlEqualTo(PUBLISH_PATH))
                .withRequestBody(matchingJsonPath("$.success", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.providerApplicationVersion", equalTo("1.2.3")))
                .withRequestBody(matchingJsonPath("$.testResults[0].success", equalTo("false"))));
        assertTrue(broker.findAll(putRequestedFor(urlPathEqualTo("/pacticipants/orders-api/branches/main/versions/1.2.3")))
                .isEmpty(), "no branch given, none recorded");
    }

    @Test
    void aBrokenPendingPactWarnsAndDoesNotFail() throws IOException {
        stubBroker(true);
        stubProvider(true);
        ContractResults r = verify(spec(true, false, null), Map.of());
        assertEquals(1, r.failed());
        assertTrue(r.interactions().stream().allMatch(InteractionResult::pending));
        assertEquals(List.of(base() + PACT_PATH + " (pending)"), r.pacts());
        Verdicts.Verdict v = verdict(r);
        assertEquals(Status.WARN, v.status(), v.checks().toString());
        Reason warn = v.checks().stream().filter(c -> c.status() == Status.WARN).findFirst().orElseThrow();
        assertTrue(warn.message().startsWith("pending pact, contract broken: "), warn.message());
        assertTrue(broker.findAll(postRequestedFor(urlEqualTo(PUBLISH_PATH))).isEmpty(), "publishResults is false");
    }

    /**
     * A gate whose pacts come only from the broker: the one contract set loaded for the run (no folder) feeds the
     * security probes, traffic from contracts (the load worker reads the broker's pact from the traffic file) and the
     * conformance check, each marked pending as the broker says; a pending pact's probe failures WARN, never FAIL.
     */
    @Test
    void theBrokersPactsFeedProbesTrafficAndConformanceAndPendingOnesWarn() throws IOException {
        stubBroker(true);
        stubProvider(false);
        BrokerSpec spec = spec(true, false, null);
        ContractsSpec contracts = new ContractsSpec(true, Path.of("target/no-such-folder"), "/_state", null, List.of(),
                List.of(), spec);
        URI url = URI.create("http://127.0.0.1:" + provider.port());
        ContractInputs inputs = ContractInputs.load(contracts, new Broker(spec, Map.<String, String>of()::get),
                "orders-api", url);
        assertEquals(List.of(), inputs.contracts().problems());
        assertEquals(List.of(base() + PACT_PATH), inputs.contracts().pacts().stream().map(ContractPact::origin)
                .toList());
        assertTrue(inputs.contracts().pacts().get(0).pending());
        int fetches = broker.findAll(getRequestedFor(urlEqualTo(PACT_PATH))).size();

        ProbeSources.Loaded probes = ProbeSources.load(contracts, inputs, "orders-api");
        assertEquals(2, probes.sources().size(), "every interaction of the broker's pact is probed");
        assertTrue(probes.sources().stream().allMatch(ProbeSources.Source::pending));
        SecurityResults security = SecurityStage.run(new SecuritySpec(true, Set.of(ProbeKind.AUTHENTICATION),
                List.of(), List.of(), 20, Duration.ofSeconds(20)), contracts, inputs, "orders-api", url);
        assertTrue(security.probes() > 0, security.toString());
        assertFalse(security.failures().isEmpty(), "the stub answers without credentials: " + security);
        assertTrue(security.failures().stream().allMatch(ProbeResult::pending), security.failures().toString());
        assertEquals(List.of(Status.WARN), security.objectives().stream().map(ObjectiveResult::status).toList());
        Verdicts.Verdict v = Verdicts.of(null, null, security.objectives(), List.of(), null, security);
        assertEquals(Status.WARN, v.status(), v.checks().toString());
        assertTrue(v.checks().stream().anyMatch(c -> c.message().startsWith("pending pact, security probe failed")),
                v.checks().toString());

        ContractTraffic traffic = ContractTraffic.of(contracts, inputs, "orders-api", Map.of());
        assertEquals(2, traffic.replayed().size(), traffic.leftOut().toString());
        assertTrue(traffic.replays().stream().allMatch(r -> r.pact().equals(base() + PACT_PATH)));
        Path file = Path.of("target/broker-only/traffic.json");
        traffic.write(file);
        List<RequestTemplate> prepared = ContractTraffic.read(file).prepare(url);
        assertEquals(2, prepared.size(), "the worker reads the broker's pact from the traffic file");

        ContractResponses responses = ContractResponses.of(inputs, "orders-api");
        assertTrue(responses.expects("GET /orders/{id}", 200), responses.operations().toString());
        List<ContractResponses.Breach> breaches = responses.breaches("GET /orders/{id}", 200,
                Map.of("Content-Type", "application/json"), "{\"id\": \"ord-17\"}");
        assertFalse(breaches.isEmpty());
        assertTrue(breaches.stream().allMatch(ContractResponses.Breach::pending), breaches.toString());
        assertEquals(fetches, broker.findAll(getRequestedFor(urlEqualTo(PACT_PATH))).size(),
                "the broker is asked once per run: every stage reads the loaded set");
    }

    @Test
    void aPendingPactThatPassesIsAPass() throws IOException {
        stubBroker(true);
        stubProvider(false);
        assertEquals(Status.PASS, verdict(verify(spec(true, false, null), Map.of())).status());
    }

    @Test
    void theTokenComesFromTheVariableTheFileNames() throws IOException {
        stubBroker(false);
        stubProvider(false);
        BrokerSpec withToken = new BrokerSpec(URI.create(base()), "PACT_BROKER_TOKEN", null, null, List.of(), false,
                null, null, null, false);
        ContractResults r = verify(withToken, Map.of("PACT_BROKER_TOKEN", "s3cret"));
        assertEquals(2, r.passed());
        broker.verify(getRequestedFor(urlEqualTo("/")).withHeader("Authorization", equalTo("Bearer s3cret")));
        broker.verify(postRequestedFor(urlEqualTo("/pacts/provider/orders-api/for-verification"))
                .withRequestBody(equalToJson("""
                        {"consumerVersionSelectors": [{"mainBranch": true}, {"deployedOrReleased": true}],
                         "includePendingStatus": false}""", true, true)));
        broker.resetRequests();
        // basic auth as a broker asks for it: a 401 challenge to a request without credentials
        broker.stubFor(any(anyUrl()).atPriority(1).withHeader("Authorization", absent()).willReturn(aResponse()
                .withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"Pact Broker\"")
                .withHeader("Content-Type", "application/json").withBody("{}")));
        BrokerSpec basic = new BrokerSpec(URI.create(base()), null, "BROKER_USER", "BROKER_PASSWORD", List.of(), true,
                "2026-01-01", null, null, false);
        assertEquals(2, verify(basic, Map.of("BROKER_USER", "ci", "BROKER_PASSWORD", "pw")).passed());
        broker.verify(getRequestedFor(urlEqualTo("/")).withHeader("Authorization", equalTo("Basic Y2k6cHc=")));
        broker.verify(postRequestedFor(urlEqualTo("/pacts/provider/orders-api/for-verification"))
                .withRequestBody(equalToJson("""
                        {"includePendingStatus": true, "includeWipPactsSince": "2026-01-01"}""", true, true)));
        BrokerException unset = assertThrows(BrokerException.class, () -> verify(withToken, Map.of()));
        assertEquals(2, unset.exitCode());
        assertTrue(unset.getMessage().contains("PACT_BROKER_TOKEN, which is not set"), unset.getMessage());
    }

    @Test
    void refusedCredentialsAreAConfigurationErrorAndAnUnreachableBrokerAnEnvironmentError() throws IOException {
        broker.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"unauthorised\"}")));
        stubProvider(false);
        BrokerException refused = assertThrows(BrokerException.class, () -> verify(spec(false, false, null), Map.of()));
        assertEquals(2, refused.exitCode());
        assertTrue(refused.getMessage().contains("refused the credentials (HTTP 401)"), refused.getMessage());

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        BrokerSpec nowhere = new BrokerSpec(URI.create("http://127.0.0.1:" + closed), null, null, null, List.of(),
                false, null, null, null, false);
        BrokerException unreachable = assertThrows(BrokerException.class, () -> verify(nowhere, Map.of()));
        assertEquals(3, unreachable.exitCode());
        assertTrue(unreachable.getMessage().startsWith("cannot reach the Pact Broker at http://127.0.0.1:" + closed),
                unreachable.getMessage());
    }

    @Test
    void aBrokerWithNoPactsForTheProviderIsAProblem() throws IOException {
        stubBroker(false);
        broker.stubFor(post(urlEqualTo("/pacts/provider/orders-api/for-verification"))
                .willReturn(hal("{\"_embedded\": {\"pacts\": []}}")));
        ContractResults r = verify(spec(false, false, null), Map.of());
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).contains("has no pacts for provider 'orders-api'"), r.problems().toString());
        assertEquals(Status.FAIL, verdict(r).status());
    }

    @Test
    void aResultThatCannotBePublishedWarns() throws IOException {
        stubBroker(false);
        stubProvider(false);
        broker.stubFor(post(urlEqualTo(PUBLISH_PATH)).willReturn(aResponse().withStatus(500)));
        ContractResults r = verify(spec(false, true, null), Map.of());
        assertEquals(1, r.published().size());
        assertFalse(r.published().get(0).published());
        assertEquals(Status.WARN, verdict(r).status());
    }

    @Test
    void canIDeploySaysYesOrNoFromTheMatrix() {
        stubMatrix(true, "All required verification results are published and successful");
        Broker b = new Broker(spec(false, false, null), Map.<String, String>of()::get);
        Broker.CanIDeploy yes = b.canIDeploy("orders-api", "1.2.3", "production");
        assertTrue(yes.deployable());
        assertEquals("All required verification results are published and successful", yes.reason());
        broker.verify(getRequestedFor(urlPathEqualTo("/matrix"))
                .withQueryParam("q[][pacticipant]", equalTo("orders-api"))
                .withQueryParam("q[][version]", equalTo("1.2.3"))
                .withQueryParam("environment", equalTo("production")));

        broker.resetAll();
        stubMatrix(false, "There is no verified pact between the version of fulfilment currently in production and orders-api (1.2.3)");
        Broker.CanIDeploy no = b.canIDeploy("orders-api", "1.2.3", "production");
        assertFalse(no.deployable());
        assertTrue(no.reason().startsWith("There is no verified pact"), no.reason());
    }

    @Test
    void theCanIDeployCommandExitsZeroOneTwoOrThree() throws IOException {
        String[] args = {"can-i-deploy", "--env", "local", "--set", "contracts.broker.url=" + base(), "--version",
                "1.2.3", "--to", "production"};
        stubMatrix(true, "ok");
        assertEquals(0, Gauntlet.execute(args));
        broker.resetAll();
        stubMatrix(false, "no");
        assertEquals(1, Gauntlet.execute(args));
        assertEquals(2, Gauntlet.execute("can-i-deploy", "--env", "local", "--version", "1.2.3"),
                "no contracts.broker in local.yaml");
        assertEquals(0, Gauntlet.execute("can-i-deploy", "--env", "local", "--version", "1.2.3",
                "--skip-without-broker"));
        broker.resetAll();
        broker.stubFor(get(urlPathEqualTo("/matrix")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"unauthorised\"}")));
        assertEquals(2, Gauntlet.execute(args), "credentials refused");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        args[4] = "contracts.broker.url=http://127.0.0.1:" + closed;
        assertEquals(3, Gauntlet.execute(args), "broker unreachable");
    }

    private static void stubMatrix(boolean deployable, String reason) {
        broker.stubFor(get(urlPathEqualTo("/matrix")).willReturn(hal("""
                {"summary": {"deployable": %s, "reason": "%s", "success": 1, "failed": 0, "unknown": 0},
                 "notices": [], "matrix": [{"consumer": {"name": "fulfilment", "version": {"number": "1.0.0"}},
                   "provider": {"name": "orders-api", "version": {"number": "1.2.3"}},
                   "verificationResult": {"success": %s, "_links": {"self": {"href": "%s/verification-results/1"}}}}]}"""
                .formatted(deployable, reason, deployable, base()))));
    }

    @Test
    void placeholdersAreFilledFromTheEnvironment() {
        Broker b = new Broker(spec(false, false, null), Map.of("GIT_COMMIT", "abc", "X", "y")::get);
        assertEquals("abc-y", b.fill("${GIT_COMMIT}-${X}", "providerVersion"));
        assertNull(b.fill(null, "providerVersion"));
        assertEquals(2, assertThrows(BrokerException.class, () -> b.fill("${NOPE}", "providerVersion")).exitCode());
    }

    @Test
    void theCommittedPactIsThere() {
        assertTrue(Files.isRegularFile(Path.of("contracts/fulfilment-orders-api.json")));
    }
}
