package dev.gauntlet.contract;

import au.com.dius.pact.core.pactbroker.IHalClient;
import au.com.dius.pact.core.pactbroker.NotFoundHalResponse;
import au.com.dius.pact.core.support.Result;
import au.com.dius.pact.core.support.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells the Pact Broker what now runs where, after a release passed: a pacticipant's version was deployed to an
 * environment (the version deployed there before is then undeployed) or released to it (earlier releases stay). The
 * broker's HAL resource of the version ({@code /pacticipants/P/versions/V}) links one {@code pb:record-deployment} and
 * one {@code pb:record-release} per environment, named after it; recording is a POST to that link.
 */
public final class BrokerRecording {
    /** What to record, with the version resource's relation that does it. */
    public enum Kind {
        DEPLOYMENT("pb:record-deployment", "deployed to"),
        RELEASE("pb:record-release", "released to");

        private final String relation;
        private final String words;

        Kind(String relation, String words) {
            this.relation = relation;
            this.words = words;
        }

        public String relation() {
            return relation;
        }

        /** {@code deployed to} or {@code released to}, for messages. */
        public String words() {
            return words;
        }
    }

    private final Broker broker;

    public BrokerRecording(Broker broker) {
        this.broker = broker;
    }

    /**
     * Records that {@code version} of {@code pacticipant} was deployed or released to {@code environment}.
     *
     * @return the URL the record was posted to
     * @throws BrokerException exit code 2 for an unknown version or environment or refused credentials, 3 for a broker
     *                         that cannot be reached or answers unexpectedly
     */
    public String record(Kind kind, String pacticipant, String version, String environment) {
        String doing = "recording " + pacticipant + " " + version + " as " + kind.words() + " " + environment;
        String path = "/pacticipants/" + segment(pacticipant) + "/versions/" + segment(version);
        IHalClient hal;
        Result<JsonValue, Exception> answer;
        try {
            hal = broker.client().newHalClient();
            answer = hal.getJson(path, false);
        } catch (BrokerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw broker.failure(doing, e);
        }
        if (answer instanceof Result.Err<?> err) {
            Exception e = (Exception) err.getError();
            if (notFound(e)) {
                throw new BrokerException(BrokerException.CONFIGURATION, "the Pact Broker at " + broker.spec().url()
                        + " knows no version " + version + " of " + pacticipant + " (" + path + " answered 404): check "
                        + "--pacticipant and --version (the version published its pacts or verification results)", e);
            }
            throw broker.failure(doing, e);
        }
        List<String> known = new ArrayList<>();
        JsonValue links = answer.get().isObject() && answer.get().has("_links") ? answer.get().get("_links") : null;
        JsonValue relations = links != null && links.isObject() && links.has(kind.relation()) ? links.get(kind.relation())
                : null;
        if (relations == null || !relations.isArray()) {
            throw new BrokerException(BrokerException.UNREACHABLE, "the Pact Broker at " + broker.spec().url()
                    + " answered " + path + " without the " + kind.relation() + " links: recording deployments and "
                    + "releases needs Pact Broker 2.80 or later (environments)");
        }
        String href = null;
        for (JsonValue r : relations.asArray().getValues()) {
            String name = r.isObject() && r.has("name") ? r.get("name").asString() : null;
            if (name == null) {
                continue;
            }
            known.add(name);
            if (name.equals(environment) && r.has("href")) {
                href = r.get("href").asString();
            }
        }
        if (href == null) {
            throw new BrokerException(BrokerException.CONFIGURATION, "the Pact Broker at " + broker.spec().url()
                    + " has no environment '" + environment + "' (it has: " + (known.isEmpty() ? "none"
                    : String.join(", ", known)) + "): check --environment, or create it first (pact-broker "
                    + "create-environment --name " + environment + ")");
        }
        int[] status = {0};
        Result<Boolean, Exception> posted;
        try {
            posted = hal.postJson(href, "{}", (code, response) -> {
                status[0] = code;
                return code < 300;
            });
        } catch (RuntimeException e) {
            throw broker.failure(doing, e);
        }
        if (posted instanceof Result.Err<?> err) {
            throw broker.failure(doing, (Exception) err.getError());
        }
        if (!posted.get()) {
            throw new BrokerException(status[0] == 401 || status[0] == 403 ? BrokerException.CONFIGURATION
                    : BrokerException.UNREACHABLE, "the Pact Broker at " + broker.spec().url() + " answered HTTP "
                    + status[0] + " " + doing + " (POST " + href + ")");
        }
        return href;
    }

    private static boolean notFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotFoundHalResponse) {
                return true;
            }
        }
        return false;
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
