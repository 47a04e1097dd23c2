package dev.gauntlet.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gauntlet.cli.Gauntlet;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * record-deployment and record-release against a WireMock Pact Broker on 127.0.0.1 that serves a version resource
 * with the broker's {@code pb:record-deployment} and {@code pb:record-release} links, one per environment (as
 * pact_broker's version decorator writes them), and answers the POST to a link 201 as the broker does.
 */
class BrokerRecordingTest {
    private static final String VERSION = "/pacticipants/orders-api/versions/1.2.3";
    private static final String PRODUCTION = "/pacticipants/orders-api/versions/1.2.3/%s-versions/environment/c540ce64";
    private static final String TEST = "/pacticipants/orders-api/versions/1.2.3/%s-versions/environment/cf7dcfdb";
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
    void stubBroker() {
        broker.resetAll();
        broker.stubFor(get(urlEqualTo(VERSION)).willReturn(hal("""
                {"number": "1.2.3", "_links": {
                  "self": {"href": "%1$s%2$s"},
                  "pb:record-deployment": [
                    {"title": "Record deployment to Production", "name": "production", "href": "%1$s%3$s"},
                    {"title": "Record deployment to Test", "name": "test", "href": "%1$s%4$s"}],
                  "pb:record-release": [
                    {"title": "Record release to Production", "name": "production", "href": "%1$s%5$s"},
                    {"title": "Record release to Test", "name": "test", "href": "%1$s%6$s"}]}}"""
                .formatted(base(), VERSION, PRODUCTION.formatted("deployed"), TEST.formatted("deployed"),
                        PRODUCTION.formatted("released"), TEST.formatted("released")))));
        broker.stubFor(post(urlPathMatching(".*-versions/environment/.*")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/hal+json").withBody("{\"currentlyDeployed\": true}")));
    }

    private static String base() {
        return "http://127.0.0.1:" + broker.port();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder hal(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json;charset=utf-8").withBody(body);
    }

    private static BrokerRecording recording(String token, Map<String, String> env) {
        return recording(URI.create(base()), token, env);
    }

    private static BrokerRecording recording(URI url, String token, Map<String, String> env) {
        return new BrokerRecording(new Broker(new BrokerSpec(url, token, null, null, List.of(), false, null, null,
                null, false), env::get));
    }

    @Test
    void aDeploymentIsPostedToTheEnvironmentsRecordDeploymentLinkWithTheCredentials() {
        String href = recording("PACT_BROKER_TOKEN", Map.of("PACT_BROKER_TOKEN", "secret"))
                .record(BrokerRecording.Kind.DEPLOYMENT, "orders-api", "1.2.3", "production");
        assertEquals(base() + PRODUCTION.formatted("deployed"), href);
        broker.verify(1, postRequestedFor(urlEqualTo(PRODUCTION.formatted("deployed")))
                .withHeader("Authorization", equalTo("Bearer secret")).withRequestBody(equalToJson("{}")));
        broker.verify(0, postRequestedFor(urlEqualTo(TEST.formatted("deployed"))));
        broker.verify(0, postRequestedFor(urlEqualTo(PRODUCTION.formatted("released"))));
    }

    @Test
    void aReleaseIsPostedToTheRecordReleaseLink() {
        recording(null, Map.of()).record(BrokerRecording.Kind.RELEASE, "orders-api", "1.2.3", "test");
        broker.verify(1, postRequestedFor(urlEqualTo(TEST.formatted("released"))));
        broker.verify(0, postRequestedFor(urlPathMatching(".*deployed-versions.*")));
    }

    @Test
    void anEnvironmentTheBrokerDoesNotKnowIsAConfigurationErrorNamingTheKnownOnes() {
        BrokerException e = assertThrows(BrokerException.class, () -> recording(null, Map.of())
                .record(BrokerRecording.Kind.DEPLOYMENT, "orders-api", "1.2.3", "prod"));
        assertEquals(BrokerException.CONFIGURATION, e.exitCode());
        assertTrue(e.getMessage().contains("has no environment 'prod' (it has: production, test)"), e.getMessage());
        broker.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aVersionTheBrokerDoesNotKnowIsAConfigurationError() {
        BrokerException e = assertThrows(BrokerException.class, () -> recording(null, Map.of())
                .record(BrokerRecording.Kind.DEPLOYMENT, "orders-api", "9.9.9", "production"));
        assertEquals(BrokerException.CONFIGURATION, e.exitCode());
        assertTrue(e.getMessage().contains("knows no version 9.9.9 of orders-api"), e.getMessage());
    }

    @Test
    void refusedCredentialsAndAFailedPostAreErrorsWithTheirExitCodes() {
        broker.stubFor(get(urlEqualTo(VERSION)).atPriority(1).withHeader("Authorization", equalTo("Bearer wrong"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"unauthorised\"}")));
        BrokerException refused = assertThrows(BrokerException.class, () -> recording("T", Map.of("T", "wrong"))
                .record(BrokerRecording.Kind.DEPLOYMENT, "orders-api", "1.2.3", "production"));
        assertEquals(BrokerException.CONFIGURATION, refused.exitCode(), refused.getMessage());

        broker.stubFor(post(urlEqualTo(PRODUCTION.formatted("deployed"))).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        BrokerException failed = assertThrows(BrokerException.class, () -> recording(null, Map.of())
                .record(BrokerRecording.Kind.DEPLOYMENT, "orders-api", "1.2.3", "production"));
        assertEquals(BrokerException.UNREACHABLE, failed.exitCode());
        assertTrue(failed.getMessage().contains("HTTP 500"), failed.getMessage());
    }

    @Test
    void aBrokerWithoutEnvironmentsSaysWhichVersionItNeeds() {
        broker.stubFor(get(urlEqualTo(VERSION)).atPriority(1).willReturn(hal("{\"number\": \"1.2.3\", \"_links\": {}}")));
        BrokerException e = assertThrows(BrokerException.class, () -> recording(null, Map.of())
                .record(BrokerRecording.Kind.RELEASE, "orders-api", "1.2.3", "production"));
        assertEquals(BrokerException.UNREACHABLE, e.exitCode());
        assertTrue(e.getMessage().contains("pb:record-release"), e.getMessage());
    }

    @Test
    void theCommandsExitZeroTwoOrThreeAsCanIDeploy() throws IOException {
        assertEquals(0, Gauntlet.execute("record-deployment", "--broker", base(), "--pacticipant", "orders-api",
                "--version", "1.2.3", "--environment", "production"));
        broker.verify(1, postRequestedFor(urlEqualTo(PRODUCTION.formatted("deployed"))));
        assertEquals(0, Gauntlet.execute("record-release", "--env", "local", "--set", "contracts.broker.url=" + base(),
                "--version", "1.2.3", "--to", "test"), "the broker of the environment file, the service under test");
        broker.verify(1, postRequestedFor(urlEqualTo(TEST.formatted("released"))));
        assertEquals(2, Gauntlet.execute("record-deployment", "--broker", base(), "--pacticipant", "orders-api",
                "--version", "1.2.3", "--environment", "staging"), "unknown environment");
        assertEquals(2, Gauntlet.execute("record-deployment", "--env", "local", "--version", "1.2.3",
                "--environment", "production"), "no contracts.broker in local.yaml and no --broker");
        assertEquals(0, Gauntlet.execute("record-deployment", "--env", "local", "--version", "1.2.3",
                "--environment", "production", "--skip-without-broker"));
        assertEquals(2, Gauntlet.execute("record-deployment", "--broker", "broker.example.com", "--pacticipant", "x",
                "--version", "1", "--environment", "production"), "not an http(s) URL");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(3, Gauntlet.execute("record-deployment", "--broker", "http://127.0.0.1:" + closed,
                "--pacticipant", "orders-api", "--version", "1.2.3", "--environment", "production"),
                "broker unreachable");
    }
}
