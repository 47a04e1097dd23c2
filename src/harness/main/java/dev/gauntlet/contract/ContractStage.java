package dev.gauntlet.contract;

import au.com.dius.pact.core.matchers.BodyMismatch;
import au.com.dius.pact.core.matchers.BodyTypeMismatch;
import au.com.dius.pact.core.matchers.HeaderMismatch;
import au.com.dius.pact.core.matchers.Mismatch;
import au.com.dius.pact.core.matchers.StatusMismatch;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import au.com.dius.pact.provider.ConsumerInfo;
import au.com.dius.pact.provider.ProviderInfo;
import au.com.dius.pact.provider.ProviderVerifier;
import au.com.dius.pact.provider.VerificationFailureType;
import au.com.dius.pact.provider.VerificationResult;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Verifies every pact of the run's contract set (the contracts folder's and the Pact Broker's) whose provider is the
 * service under test against the running provider, one interaction at a time, with Pact JVM's provider verifier. Provider states are set up by posting
 * to the provider's state-change path. On the way it keeps the provider's actual responses and checks them against
 * the OpenAPI document (coverage: every operation exercised by some interaction) and against all contracts
 * (exposure: no response field that no contract mentions).
 */
public final class ContractStage {
    static {
        // Pact JVM reports usage unless told not to: never phone home.
        System.setProperty("pact_do_not_track", "true");
    }

    private ContractStage() {
    }

    /**
     * As {@link #verify(ContractsSpec, ContractInputs, String, URI, Broker)}, publishing to {@code contracts.broker}.
     */
    public static ContractResults verify(ContractsSpec spec, ContractInputs inputs, String provider, URI url) {
        return verify(spec, inputs, provider, url, spec.broker() == null ? null : Broker.of(spec.broker()));
    }

    /**
     * Verifies the run's pacts for {@code provider} (folder and broker, as loaded once), then checks coverage and
     * exposure against the run's OpenAPI model.
     *
     * @param inputs    the run's contract set and OpenAPI model
     * @param publisher the broker broker pacts' results are published to ({@code contracts.broker.publishResults}),
     *                  or null
     */
    public static ContractResults verify(ContractsSpec spec, ContractInputs inputs, String provider, URI url,
                                         Broker publisher) {
        long t0 = System.nanoTime();
        List<Exchange> exchanges = new ArrayList<>();
        List<String> problems = new ArrayList<>(inputs.contracts().problems());
        List<String> verified = new ArrayList<>();
        List<InteractionResult> results = new ArrayList<>();
        List<BrokerPublication> published = new ArrayList<>();
        ProviderInfo info = providerInfo(provider, url, spec.stateChangePath());
        for (ContractPact read : inputs.contracts().forProvider(provider)) {
            Pact pact = read.pact();
            verified.add(read.label());
            ProviderVerifier verifier = new ProviderVerifier();
            verifier.setReporters(List.of());
            verifier.initialisePlugins(pact);
            List<InteractionResult> own = new ArrayList<>();
            for (Interaction interaction : pact.getInteractions()) {
                own.add(verifyOne(verifier, info, read.consumer(), pact, interaction, exchanges, read.pending()));
            }
            results.addAll(own);
            if (read.fromBroker() && publisher != null && publisher.spec().publishResults()) {
                published.add(publisher.publish(read.broker(), provider, own));
            }
        }
        if (verified.isEmpty() && problems.isEmpty()) {
            problems.add("no pact for provider '" + provider + "' in " + spec.folder()
                    + " (consumer tests write them; check the provider name in the pacts)");
        }
        ApiModel api = inputs.api();
        Coverage coverage = null;
        if (api.problem() != null) {
            problems.add("OpenAPI document " + spec.openapi() + " (contracts.openapi): " + api.problem());
        } else if (api.readable()) {
            coverage = Coverage.of(api.operations(), spec.coverageIgnore(), exchanges);
        }
        Exposures.Result exposure = Exposures.of(api.operations(), exchanges, spec.allowExposure());
        return new ContractResults(verified, results, problems, coverage, exposure.findings(), exposure.allowed(),
                (System.nanoTime() - t0) / 1_000_000, published);
    }

    private static ProviderInfo providerInfo(String provider, URI url, String stateChangePath) {
        ProviderInfo info = new ProviderInfo(provider, "http", url.getHost(), url.getPort(), "/");
        if (stateChangePath != null) {
            try {
                info.setStateChangeUrl(url.resolve(stateChangePath).toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad state change URL " + url + stateChangePath, e);
            }
            info.setStateChangeUsesBody(true);
            info.setStateChangeTeardown(false);
        }
        return info;
    }

    private static InteractionResult verifyOne(ProviderVerifier verifier, ProviderInfo info, String consumer, Pact pact,
                                               Interaction interaction, List<Exchange> exchanges, boolean pending) {
        long t0 = System.nanoTime();
        String states = interaction.getProviderStates().stream().map(ProviderState::getName)
                .filter(Objects::nonNull).collect(Collectors.joining(", "));
        String method = "";
        String path = "";
        if (interaction instanceof SynchronousRequestResponse rr) {
            method = rr.getRequest().getMethod();
            path = rr.getRequest().getPath();
        }
        List<ContractFailure> failures = new ArrayList<>();
        RecordingProviderClient client = new RecordingProviderClient(info);
        try {
            VerificationResult result = verifier.verifyInteraction(info, new ConsumerInfo(consumer), new HashMap<>(),
                    interaction, pact, null, client);
            if (result instanceof VerificationResult.Failed failed) {
                failed.getFailures().values().forEach(list -> list.forEach(
                        f -> failures.add(failure(consumer, interaction.getDescription(), states, f))));
                if (failures.isEmpty()) {
                    failures.add(new ContractFailure(consumer, interaction.getDescription(), states, "error", "",
                            "", "", failed.getDescription()));
                }
            }
        } catch (RuntimeException e) {
            failures.add(new ContractFailure(consumer, interaction.getDescription(), states, "error", "", "", "",
                    e.toString()));
        }
        if (interaction instanceof SynchronousRequestResponse rr) {
            exchanges.add(new Exchange(method, path, Exchange.json(rr.getResponse().getBody()),
                    client.last() == null ? null : Exchange.json(client.last().getBody()), pending));
        }
        return new InteractionResult(consumer, interaction.getDescription(), states, method, path, failures,
                (System.nanoTime() - t0) / 1_000_000, pending);
    }

    private static ContractFailure failure(String consumer, String interaction, String states, VerificationFailureType f) {
        if (f instanceof VerificationFailureType.MismatchFailure m) {
            Mismatch mm = m.getMismatch();
            if (mm instanceof BodyMismatch b) {
                return new ContractFailure(consumer, interaction, states, "body",
                        fieldPath(Objects.toString(b.getPath(), ""), b.getMismatch()), text(b.getExpected()),
                        text(b.getActual()), b.getMismatch());
            }
            if (mm instanceof StatusMismatch s) {
                return new ContractFailure(consumer, interaction, states, "status", "", text(s.getExpected()),
                        Integer.toString(s.getActual()), s.description());
            }
            if (mm instanceof HeaderMismatch h) {
                return new ContractFailure(consumer, interaction, states, "header", h.getHeaderKey(), h.getExpected(),
                        h.getActual(), h.getMismatch());
            }
            if (mm instanceof BodyTypeMismatch t) {
                return new ContractFailure(consumer, interaction, states, "body", "$", t.getExpected(), t.getActual(),
                        t.getMismatch());
            }
            return new ContractFailure(consumer, interaction, states, "body", "", "", "", mm.description());
        }
        if (f instanceof VerificationFailureType.StateChangeFailure s) {
            return new ContractFailure(consumer, interaction, states, "state", "", "", "", s.getDescription()
                    + (s.getException() == null ? "" : ": " + s.getException().getMessage()));
        }
        if (f instanceof VerificationFailureType.ExceptionFailure e) {
            return new ContractFailure(consumer, interaction, states, "error", "", "", "", e.getDescription()
                    + ": " + e.getE());
        }
        return new ContractFailure(consumer, interaction, states, "error", "", "", "", f.toString());
    }

    private static final java.util.regex.Pattern MISSING_KEYS =
            java.util.regex.Pattern.compile("missing the following keys: (.+)$");

    /**
     * Pact reports a missing field at its parent ({@code $} + "missing the following keys: totalCents"); a person
     * wants the field itself: {@code $.totalCents}.
     */
    static String fieldPath(String path, String message) {
        java.util.regex.Matcher m = MISSING_KEYS.matcher(message == null ? "" : message.trim());
        if (!m.find()) {
            return path;
        }
        String parent = path.isEmpty() ? "$" : path;
        return java.util.Arrays.stream(m.group(1).split(",\\s*"))
                .map(k -> parent + "." + k.trim()).collect(Collectors.joining(", "));
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof au.com.dius.pact.core.support.json.JsonValue j) {
            return j.serialise();
        }
        return value.toString();
    }
}
