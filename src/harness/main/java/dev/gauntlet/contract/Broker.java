package dev.gauntlet.contract;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.UrlSource;
import au.com.dius.pact.core.pactbroker.ConsumerVersionSelectors;
import au.com.dius.pact.core.pactbroker.Latest;
import au.com.dius.pact.core.pactbroker.NotFoundHalResponse;
import au.com.dius.pact.core.pactbroker.PactBrokerClient;
import au.com.dius.pact.core.pactbroker.PactBrokerClientConfig;
import au.com.dius.pact.core.pactbroker.PactBrokerResult;
import au.com.dius.pact.core.pactbroker.PactResponse;
import au.com.dius.pact.core.pactbroker.RequestFailedException;
import au.com.dius.pact.core.pactbroker.TestResult;
import au.com.dius.pact.core.pactbroker.To;
import au.com.dius.pact.core.support.Auth;
import au.com.dius.pact.core.support.Result;
import au.com.dius.pact.core.support.json.JsonParser;
import au.com.dius.pact.core.support.json.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Pact Broker through pact-jvm's broker client: the pacts to verify (pacts-for-verification with the consumer
 * version selectors and pending status), publishing a verification result, and can-i-deploy (the matrix). Every
 * failure becomes a {@link BrokerException} that says what to check, with exit code 2 (configuration, credentials)
 * or 3 (the broker cannot be reached or answered unexpectedly).
 */
public final class Broker {
    static {
        System.setProperty("pact_do_not_track", "true");
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrokerSpec spec;
    private final Function<String, String> env;

    /**
     * @param spec where the broker is and what to ask it
     * @param env  the environment variables credentials and placeholders are read from ({@code System::getenv})
     */
    public Broker(BrokerSpec spec, Function<String, String> env) {
        this.spec = Objects.requireNonNull(spec);
        this.env = env;
    }

    /** A broker reading credentials and placeholders from this process's environment. */
    public static Broker of(BrokerSpec spec) {
        return new Broker(spec, System::getenv);
    }

    public BrokerSpec spec() {
        return spec;
    }

    /**
     * One pact the broker asks this provider to verify.
     *
     * @param name    the broker's name for it (consumer and version)
     * @param url     where it was fetched from
     * @param pending whether it is pending (its failure does not fail the provider's build)
     * @param wip     whether it is a work-in-progress pact (also pending)
     * @param pact    the pact as pact-jvm reads it
     * @param json    the pact's JSON text as the broker served it
     * @param links   the pact document's HAL links (where to publish its verification result)
     */
    public record BrokerPact(String name, String url, boolean pending, boolean wip, Pact pact, String json,
                             Map<String, Object> links) {
    }

    /** The answer of can-i-deploy: deployable or not, and the broker's reason. */
    public record CanIDeploy(boolean deployable, String reason, int unknown) {
    }

    /** The pacts the broker selects for {@code provider}, each fetched and read. */
    public List<BrokerPact> pactsFor(String provider) {
        PactBrokerClient client = client();
        List<ConsumerVersionSelectors> selectors = new ArrayList<>();
        for (Map<String, Object> s : spec.selectors().isEmpty() ? BrokerSpec.DEFAULT_SELECTORS : spec.selectors()) {
            selectors.add(new ConsumerVersionSelectors.RawSelector(JsonParser.parseString(json(s))));
        }
        String branch = fill(spec.providerBranch(), "providerBranch");
        Result<List<PactBrokerResult>, Exception> found = client.fetchConsumersWithSelectorsV2(provider, selectors,
                List.of(), branch, spec.enablePending(), spec.enablePending() ? spec.includeWipPactsSince() : null);
        if (found instanceof Result.Err<?> err) {
            throw failure("asking it for the pacts of provider '" + provider + "'", (Exception) err.getError());
        }
        List<BrokerPact> out = new ArrayList<>();
        for (PactBrokerResult r : found.get()) {
            PactResponse response;
            try {
                response = client.fetchPact(r.getSource(), true);
            } catch (RuntimeException e) {
                throw failure("fetching the pact " + r.getSource(), e);
            }
            Pact pact;
            String json;
            try {
                json = response.getPactFile().serialise();
                pact = DefaultPactReader.INSTANCE.pactFromJson(response.getPactFile(), new UrlSource(r.getSource()));
            } catch (RuntimeException e) {
                throw new BrokerException(BrokerException.UNREACHABLE, "the Pact Broker at " + spec.url()
                        + " served a pact pact-jvm cannot read (" + r.getSource() + "): " + e.getMessage(), e);
            }
            out.add(new BrokerPact(r.getName(), r.getSource(), r.getPending() || r.getWip(), r.getWip(), pact, json,
                    new HashMap<>(response.getLinks())));
        }
        return out;
    }

    /**
     * Publishes the verification result of {@code pact} (success when every interaction passed) for the provider
     * version; with a provider branch, records the version on that branch first. Publishing never fails the gate:
     * what went wrong is in the answer.
     */
    public BrokerPublication publish(BrokerPact pact, String provider, List<InteractionResult> results) {
        boolean success = results.stream().allMatch(InteractionResult::passed);
        String version;
        String branch;
        try {
            version = fill(spec.providerVersion(), "providerVersion");
            branch = fill(spec.providerBranch(), "providerBranch");
        } catch (BrokerException e) {
            return new BrokerPublication(pact.name(), pact.url(), success, "", e.getMessage());
        }
        if (version == null || version.isBlank()) {
            return new BrokerPublication(pact.name(), pact.url(), success, "", "contracts.broker.providerVersion is "
                    + "not set: the broker needs the provider version a result is for");
        }
        String error = publish(pact, provider, results, version, branch);
        return new BrokerPublication(pact.name(), pact.url(), success, version, error);
    }

    private String publish(BrokerPact pact, String provider, List<InteractionResult> results, String version,
                           String branch) {
        PactBrokerClient client;
        try {
            client = client();
        } catch (BrokerException e) {
            return e.getMessage();
        }
        if (branch != null && !branch.isBlank()) {
            Result<Boolean, String> b = client.publishProviderBranch(pact.links(), provider, branch, version);
            if (b instanceof Result.Err<?> err) {
                return "could not record provider version " + version + " on branch " + branch + ": " + err.getError();
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        for (InteractionResult r : results) {
            String id = pact.pact().getInteractions().stream()
                    .filter(i -> i.getDescription().equals(r.interaction()))
                    .map(i -> i.getInteractionId()).filter(Objects::nonNull).findFirst().orElse(null);
            if (r.passed()) {
                if (id != null) {
                    ids.add(id);
                }
                continue;
            }
            for (ContractFailure f : r.failures()) {
                Map<String, Object> m = new HashMap<>();
                if (id != null) {
                    m.put("interactionId", id);
                }
                m.put("interactionDescription", r.interaction());
                m.put("attribute", f.kind());
                m.put("description", f.summary());
                failures.add(m);
            }
        }
        TestResult result = failures.isEmpty() ? new TestResult.Ok(ids)
                : new TestResult.Failed(failures, failures.size() + " mismatch(es)");
        Result<Boolean, String> published = client.publishVerificationResults(pact.links(), result, version);
        return published instanceof Result.Err<?> err ? String.valueOf(err.getError()) : null;
    }

    /**
     * Whether {@code pacticipant} at {@code version} can be deployed to {@code environment} (or, when null, is
     * compatible with the latest versions of the others), from the broker's matrix.
     */
    public CanIDeploy canIDeploy(String pacticipant, String version, String environment) {
        To to = environment == null || environment.isBlank() ? new To() : new To(null, environment);
        String path = "/matrix?" + PactBrokerClient.internalBuildMatrixQuery(pacticipant, version,
                new Latest.UseLatest(false), to, List.of());
        Result<JsonValue, Exception> answer;
        try {
            answer = client().newHalClient().getJson(path, false);
        } catch (RuntimeException e) {
            throw failure("asking can-i-deploy", e);
        }
        if (answer instanceof Result.Err<?> err) {
            throw failure("asking can-i-deploy for " + pacticipant + " " + version, (Exception) err.getError());
        }
        JsonValue summary = answer.get().isObject() && answer.get().has("summary") ? answer.get().get("summary") : null;
        if (summary == null || !summary.isObject()) {
            throw new BrokerException(BrokerException.UNREACHABLE, "the Pact Broker at " + spec.url()
                    + " answered the matrix query without a summary: is contracts.broker.url a Pact Broker?");
        }
        boolean deployable = summary.has("deployable") && summary.get("deployable").isBoolean()
                && summary.get("deployable").asBoolean();
        String reason = summary.has("reason") && summary.get("reason").isString() ? summary.get("reason").asString() : "";
        int unknown = summary.has("unknown") && summary.get("unknown").isNumber()
                ? summary.get("unknown").asNumber().intValue() : 0;
        return new CanIDeploy(deployable, reason, unknown);
    }

    /** A client with the credentials the spec names, read from the environment now. */
    PactBrokerClient client() {
        Map<String, Object> options = new HashMap<>();
        if (spec.tokenVariable() != null) {
            options.put("authentication", new Auth.BearerAuthentication(variable(spec.tokenVariable(), "token"),
                    "Authorization"));
        } else if (spec.usernameVariable() != null) {
            options.put("authentication", new Auth.BasicAuthentication(variable(spec.usernameVariable(), "username"),
                    variable(spec.passwordVariable(), "password")));
        }
        return new PactBrokerClient(spec.url().toString(), options, new PactBrokerClientConfig());
    }

    private String variable(String name, String field) {
        String value = env.apply(name);
        if (value == null || value.isEmpty()) {
            throw new BrokerException(BrokerException.CONFIGURATION, "contracts.broker." + field + " names the "
                    + "environment variable " + name + ", which is not set: set it (in Jenkins, bind the credential to "
                    + name + ")");
        }
        return value;
    }

    /** {@code template} with every {@code ${VARIABLE}} filled from the environment; null stays null. */
    String fill(String template, String field) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null) {
                throw new BrokerException(BrokerException.CONFIGURATION, "contracts.broker." + field + " uses ${"
                        + m.group(1) + "}, which is not set in the environment");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** What a failed call to the broker means, with exit code 2 (credentials, wrong URL) or 3 (unreachable). */
    BrokerException failure(String doing, Throwable error) {
        String where = "the Pact Broker at " + spec.url();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RequestFailedException r && (r.getStatus() == 401 || r.getStatus() == 403)) {
                return new BrokerException(BrokerException.CONFIGURATION, where + " refused the credentials (HTTP "
                        + r.getStatus() + ") " + doing + ": check that " + credentials()
                        + " holds valid credentials for it", error);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException
                    || t.getClass().getName().endsWith("HttpHostConnectException")) {
                return new BrokerException(BrokerException.UNREACHABLE, "cannot reach " + where + " " + doing + ": "
                        + t.getMessage() + " (check contracts.broker.url and that the broker is up)", error);
            }
            if (t instanceof NotFoundHalResponse) {
                return new BrokerException(BrokerException.CONFIGURATION, where + " answered 404 " + doing + " ("
                        + t.getMessage() + "): check that contracts.broker.url is the broker's base URL", error);
            }
            if (t instanceof RequestFailedException r) {
                return new BrokerException(BrokerException.UNREACHABLE, where + " answered HTTP " + r.getStatus() + " "
                        + doing + (r.getBody() == null ? "" : ": " + r.getBody()), error);
            }
        }
        return new BrokerException(BrokerException.UNREACHABLE, where + " failed " + doing + ": " + describe(error),
                error);
    }

    private String credentials() {
        if (spec.tokenVariable() != null) {
            return "the variable " + spec.tokenVariable() + " (contracts.broker.token)";
        }
        if (spec.usernameVariable() != null) {
            return "the variables " + spec.usernameVariable() + " and " + spec.passwordVariable()
                    + " (contracts.broker.username, password)";
        }
        return "contracts.broker.token (no credentials are configured)";
    }

    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
            s.append(" (caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(')');
        }
        return s.toString();
    }

    private static String json(Map<String, Object> selector) {
        try {
            return JSON.writeValueAsString(selector);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("selector " + selector + " is not JSON", e);
        }
    }
}
