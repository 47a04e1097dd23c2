package dev.gauntlet.cache;

import dev.gauntlet.slo.Caching;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.contract.ProbeSources;
import dev.gauntlet.contract.RequestTemplate;
import dev.gauntlet.files.RunFiles;
import dev.gauntlet.load.CredentialHeaders;
import dev.gauntlet.probe.Identity;
import dev.gauntlet.probe.SecuritySpec;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cache-control policy of the API, checked from the contracts: every GET interaction the contracts expect to
 * succeed is sent again (its provider states set up afresh) and its answer judged — an answer to a request with a
 * caller's credentials must not be storable by a shared cache ({@link CachePolicy}), and an answer that offers an
 * {@code ETag} or {@code Last-Modified} must honour it ({@link Validators}). Operations listed in
 * {@code security.publicOperations} answer everyone alike, so only their validators are judged. The findings, with
 * request, answer and reason, go to {@value RunFiles#CACHING} in the run folder.
 */
public final class CacheChecks {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private CacheChecks() {
    }

    /** Whether {@code objectives} ask for a check that this class makes. */
    public static boolean wanted(List<Objective> objectives) {
        return !objectives(objectives).isEmpty();
    }

    /**
     * Runs the checks the caching objectives ask for ({@code private}, {@code validators}) against {@code provider}.
     *
     * @return one result per such objective
     */
    public static List<ObjectiveResult> run(List<Objective> objectives, SecuritySpec security, ContractsSpec contracts,
                                            ContractInputs inputs, String providerName, URI provider, Path runDir,
                                            Consumer<String> console) throws IOException {
        List<Caching> wanted = objectives(objectives);
        long started = System.nanoTime();
        ProbeSources.Loaded loaded = ProbeSources.load(contracts, inputs, providerName);
        Set<String> credentialNames = new LinkedHashSet<>();
        security.identities().stream().map(Identity::headers).forEach(h -> credentialNames.addAll(h.keySet()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        Exchanges http = new Exchanges(client, TIMEOUT);
        URI stateChange = contracts.stateChangePath() == null ? null : provider.resolve(contracts.stateChangePath());
        Findings privacy = new Findings(Caching.Rule.PRIVATE);
        Findings validators = new Findings(Caching.Rule.VALIDATORS);
        for (ProbeSources.Source source : loaded.sources()) {
            if (!source.replay().method().equals("GET") || !source.succeeds() || source.pending()) {
                continue;
            }
            Exchanges.Request request;
            Exchanges.Answer answer;
            try {
                request = request(source, provider, stateChange, client);
                answer = http.send(request);
            } catch (RuntimeException | IOException e) {
                console.accept("[gate]   caching: " + source.replay().name() + " could not be sent: " + e.getMessage());
                continue;
            }
            if (answer.status() < 200 || answer.status() >= 300) {
                continue;
            }
            String where = source.replay().operation() + " (" + source.replay().name() + ")";
            Set<String> sent = new LinkedHashSet<>();
            request.headers().keySet().stream()
                    .filter(h -> CredentialHeaders.carriesCredentials(h) || credentialNames.stream().anyMatch(h::equalsIgnoreCase))
                    .forEach(sent::add);
            if (!sent.isEmpty() && !security.publicOperations().contains(source.replay().operation())) {
                privacy.judged++;
                String breach = CachePolicy.breach("GET", sent, answer.status(), answer.headers());
                if (breach != null) {
                    privacy.add(where, request, answer, breach);
                }
            }
            Validators.check(http, request, answer, where, validators);
        }
        List<ObjectiveResult> out = new ArrayList<>();
        for (Caching o : wanted) {
            out.add(o.rule() == Caching.Rule.PRIVATE
                    ? privacy.result(o, "nothing to judge: no GET interaction of the contracts that sends credentials "
                    + "was answered 2xx")
                    : validators.result(o, "nothing to judge: no answer of the contracts' GET interactions offered an "
                    + "ETag or Last-Modified"));
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("private", privacy.evidence());
        evidence.put("validators", validators.evidence());
        JSON.writeValue(runDir.resolve(RunFiles.CACHING).toFile(), evidence);
        console.accept(String.format(java.util.Locale.ROOT, "[gate]   caching: %d answers judged for Cache-Control, %d "
                + "conditional requests for validators, in %.1f s", privacy.judged, validators.judged,
                (System.nanoTime() - started) / 1e9));
        return out;
    }

    private static Exchanges.Request request(ProbeSources.Source source, URI provider, URI stateChange,
                                             HttpClient client) {
        Map<String, Object> state = new LinkedHashMap<>();
        List<String> bodies = source.template().stateBodies();
        if (!bodies.isEmpty()) {
            if (stateChange == null) {
                throw new IllegalStateException("needs provider state(s) " + source.replay().states()
                        + " but contracts.stateChangePath is not set");
            }
            bodies.forEach(b -> state.putAll(ProbeSources.setUp(client, stateChange, b)));
        }
        Object[] values = source.values(state);
        RequestTemplate t = source.template();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < t.headerCount(); i++) {
            headers.put(t.headerName(i), t.headerValue(i, values));
        }
        return new Exchanges.Request("GET", provider.resolve(t.url(values)), headers);
    }

    private static List<Caching> objectives(List<Objective> objectives) {
        return objectives.stream().filter(o -> o instanceof Caching c
                && c.rule() != Caching.Rule.PER_IDENTITY).map(o -> (Caching) o).toList();
    }
}
