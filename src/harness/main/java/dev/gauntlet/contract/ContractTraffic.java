package dev.gauntlet.contract;

import au.com.dius.pact.core.model.IRequest;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import au.com.dius.pact.core.model.generators.Category;
import au.com.dius.pact.core.model.generators.Generator;
import au.com.dius.pact.core.model.generators.ProviderStateGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Load traffic made from the contracts ({@code load.from: contracts}): every interaction of the pacts for the
 * provider under test becomes a request the load replays, or is left out with a reason.
 *
 * <ul>
 *   <li>Requests are sent as the pact writes them (method, path, query, headers, body), with a fresh value wherever
 *       it declares a generator; {@code fromProviderState} values come from the provider's state-change answer.</li>
 *   <li>Provider states are set up once before the warm-up. A state-changing request (POST, PUT, PATCH, DELETE) that
 *       expects success and takes provider-state values gets its states set up again before every request, so each
 *       request acts on a resource of its own (a DELETE deletes an order made for it). One that expects success but
 *       has nothing that changes between requests is left out: every replay would repeat the same change.</li>
 *   <li>An interaction that expects an error (400, 401, 404 …) is real traffic too and is replayed as is.</li>
 *   <li>Operations are named as coverage names them: by the OpenAPI document's templates when there is one, else by
 *       the pact's {@code fromProviderState} path expression or the provider-state parameters in the path.</li>
 * </ul>
 *
 * <p>The gate decides ({@link #of}) and writes the decision for the load worker ({@link #write}), which prepares the
 * requests once ({@link #prepare}).
 *
 * @param stateChangePath the provider's state-change path ({@code contracts.stateChangePath}), or null
 * @param replays         one per interaction, in pact-file order
 * @param pacts           the JSON text of every pact a replayed interaction comes from (the folder's as the gate
 *                        read them, the Pact Broker's), by the replay's {@link Replay#pact()}: the load worker reads
 *                        the run's contract set from here, never the contracts folder again
 */
public record ContractTraffic(String stateChangePath, List<Replay> replays, Map<String, String> pacts) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    public ContractTraffic {
        replays = List.copyOf(replays);
        pacts = pacts == null ? Map.of() : Map.copyOf(pacts);
    }

    /**
     * Decides how every interaction becomes traffic.
     *
     * @param spec     the state-change path
     * @param inputs   the run's contract set (folder and broker pacts) and OpenAPI model, loaded once
     * @param provider the provider under test, as pacts name it
     * @param mix      percent of the visits per operation ({@code load.mix}); operations not named share the rest
     * @throws IllegalArgumentException when nothing can become traffic or {@code mix} names an operation the
     *                                  contracts do not have; the message names the field
     */
    public static ContractTraffic of(ContractsSpec spec, ContractInputs inputs, String provider, Map<String, Double> mix) {
        List<ApiOperation> document = inputs.api().operations();
        List<Replay> replays = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (ContractPact read : inputs.contracts().pacts()) {
            String other = read.provider();
            List<Interaction> interactions = read.pact().getInteractions();
            for (int i = 0; i < interactions.size(); i++) {
                Replay r = classify(read.consumer(), read.location(), i, interactions.get(i), document,
                        spec.stateChangePath());
                replays.add(provider.equals(other) ? r : r.leaveOut("the pact is for provider '" + other
                        + "', not for '" + provider + "'"));
            }
            texts.put(read.location(), read.json());
        }
        replays = share(replays, mix);
        if (replays.stream().allMatch(Replay::leftOut)) {
            List<String> problems = inputs.contracts().problems();
            throw new IllegalArgumentException("load.from: contracts: no interaction in " + spec.folder()
                    + (spec.broker() == null ? "" : " or from the Pact Broker at " + spec.broker().url())
                    + " can become traffic" + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")")
                    + replays.stream().map(r -> "\n  " + r.name() + ": " + r.detail()).collect(Collectors.joining()));
        }
        Map<String, String> replayed = new LinkedHashMap<>();
        replays.stream().filter(r -> !r.leftOut()).forEach(r -> replayed.put(r.pact(), texts.get(r.pact())));
        return new ContractTraffic(spec.stateChangePath(), replays, replayed);
    }

    /** How one interaction becomes traffic (share not yet decided). */
    static Replay classify(String consumer, String pact, int index, Interaction interaction,
                           List<ApiOperation> document, String stateChangePath) {
        List<String> states = interaction.getProviderStates().stream().map(ProviderState::getName)
                .filter(Objects::nonNull).filter(s -> !s.isBlank()).toList();
        if (!(interaction instanceof SynchronousRequestResponse rr)) {
            return new Replay(consumer, interaction.getDescription(), pact, index, "", "", "", states,
                    Replay.How.LEFT_OUT, "not an HTTP request/response interaction (a message)", 0);
        }
        IRequest request = rr.getRequest();
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        int status = rr.getResponse().getStatus();
        String operation = operation(method, request, interaction.getProviderStates(), document);
        Map<String, Generator> stateValues = new LinkedHashMap<>();
        Map<String, Generator> fresh = new LinkedHashMap<>();
        for (Category c : List.of(Category.PATH, Category.QUERY, Category.HEADER, Category.BODY)) {
            RequestTemplate.forProvider(request.getGenerators(), c).forEach((key, g) ->
                    (g instanceof ProviderStateGenerator ? stateValues : fresh).put(where(c, key), g));
        }
        Replay base = new Replay(consumer, interaction.getDescription(), pact, index, method, request.getPath(),
                operation, states, Replay.How.AS_IS, "", 0);
        if (!states.isEmpty() && stateChangePath == null) {
            return base.leaveOut("needs provider state '" + states.get(0) + "', but contracts.stateChangePath is not "
                    + "set, so it cannot be set up");
        }
        if (!stateValues.isEmpty() && states.isEmpty()) {
            return base.leaveOut("takes " + String.join(", ", describe(stateValues)) + " from a provider state, but "
                    + "declares none");
        }
        boolean success = status >= 200 && status < 300;
        boolean changes = STATE_CHANGING.contains(method);
        String expects = "expects " + status;
        if (changes && success && !stateValues.isEmpty()) {
            return with(base, Replay.How.STATE_PER_VISIT, "state " + quoted(states) + " set up again before every "
                    + "request, so each " + method + " acts on a resource of its own: " + String.join(", ",
                    describe(stateValues)) + freshPart(fresh));
        }
        if (changes && success && fresh.isEmpty()) {
            return base.leaveOut(method + " " + expects + ", but nothing in its request changes between requests (no "
                    + "generator): every replay would repeat the same change (e.g. the same idempotency key); give the "
                    + "pact a generator (fromProviderState, UUID) to make each request new");
        }
        String unhappy = success ? "" : "; " + expects + " (an unhappy path is real traffic)";
        String once = states.isEmpty() ? "" : "state " + quoted(states) + " set up once before the warm-up"
                + (stateValues.isEmpty() ? "" : ": " + String.join(", ", describe(stateValues)));
        if (!fresh.isEmpty()) {
            return with(base, Replay.How.FRESH_VALUES, "fresh " + String.join(", ", describe(fresh))
                    + " on every request" + (once.isEmpty() ? "" : "; " + once) + unhappy);
        }
        if (!states.isEmpty()) {
            return with(base, Replay.How.STATE_ONCE, once + unhappy);
        }
        return with(base, Replay.How.AS_IS, "sent as written" + unhappy);
    }

    private static Replay with(Replay r, Replay.How how, String detail) {
        return new Replay(r.consumer(), r.interaction(), r.pact(), r.index(), r.method(), r.path(), r.operation(),
                r.states(), how, detail, 0);
    }

    private static String freshPart(Map<String, Generator> fresh) {
        return fresh.isEmpty() ? "" : "; fresh " + String.join(", ", describe(fresh));
    }

    private static String quoted(List<String> states) {
        return states.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
    }

    private static String where(Category c, String key) {
        return switch (c) {
            case PATH -> "path";
            case QUERY -> "query " + key;
            case HEADER -> "header " + key;
            default -> "body " + key;
        };
    }

    private static List<String> describe(Map<String, Generator> generators) {
        List<String> out = new ArrayList<>();
        generators.forEach((where, g) -> out.add(g instanceof ProviderStateGenerator ps
                ? where + " from " + ps.getExpression() : where + " (" + g.getType() + ")"));
        return out;
    }

    /**
     * The operation a request belongs to: the OpenAPI template it matches; else the pact's {@code fromProviderState}
     * path expression ({@code /orders/${orderId}} → {@code /orders/{orderId}}); else the path with each segment that
     * equals a provider-state parameter replaced by that parameter's name.
     */
    static String operation(String method, IRequest request, List<ProviderState> states, List<ApiOperation> document) {
        String path = request.getPath();
        var documented = ApiOperation.of(document, method, path);
        if (documented.isPresent()) {
            return documented.get().name();
        }
        Generator g = RequestTemplate.forProvider(request.getGenerators(), Category.PATH).values().stream()
                .findFirst().orElse(null);
        if (g instanceof ProviderStateGenerator ps && ps.getExpression().contains("${")) {
            return PathTemplates.name(method, ps.getExpression().replaceAll("\\$\\{\\s*([^}]*?)\\s*}", "{$1}"));
        }
        Map<String, String> params = new HashMap<>();
        for (ProviderState s : states) {
            s.getParams().forEach((k, v) -> {
                if (v != null && !String.valueOf(v).isBlank()) {
                    params.putIfAbsent(String.valueOf(v), k);
                }
            });
        }
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (params.containsKey(segments[i])) {
                segments[i] = "{" + params.get(segments[i]) + "}";
            }
        }
        return PathTemplates.name(method, String.join("/", segments));
    }

    /**
     * Gives every replay its share of the visits: operations named in {@code mix} get their percent, the others
     * share what is left evenly, an operation's interactions share its part evenly; shares add up to 100.
     */
    static List<Replay> share(List<Replay> replays, Map<String, Double> mix) {
        Map<String, String> named = new LinkedHashMap<>();
        for (Map.Entry<String, Double> m : mix.entrySet()) {
            String key = PathTemplates.key(m.getKey());
            List<Replay> of = replays.stream().filter(r -> PathTemplates.key(r.operation()).equals(key)).toList();
            if (of.isEmpty()) {
                throw new IllegalArgumentException("load.mix: no interaction of the contracts is the operation '"
                        + m.getKey() + "' (operations: " + replays.stream().filter(r -> !r.operation().isEmpty())
                        .map(Replay::operation).distinct().collect(Collectors.joining(", ")) + ")");
            }
            if (m.getValue() > 0 && of.stream().allMatch(Replay::leftOut)) {
                throw new IllegalArgumentException("load.mix: '" + m.getKey() + "' gets " + m.getValue() + " %, but "
                        + "every interaction of it is left out: " + of.stream().map(r -> r.name() + ": " + r.detail())
                        .collect(Collectors.joining("; ")));
            }
            named.put(key, m.getKey());
        }
        Map<String, List<Integer>> byOperation = new LinkedHashMap<>();
        for (int i = 0; i < replays.size(); i++) {
            if (!replays.get(i).leftOut()) {
                byOperation.computeIfAbsent(PathTemplates.key(replays.get(i).operation()), k -> new ArrayList<>()).add(i);
            }
        }
        double listed = 0;
        int unlisted = 0;
        for (String key : byOperation.keySet()) {
            if (named.containsKey(key)) {
                listed += mix.get(named.get(key));
            } else {
                unlisted++;
            }
        }
        double rest = unlisted == 0 ? 0 : Math.max(0, 100 - listed) / unlisted;
        Map<String, Double> weight = new LinkedHashMap<>();
        byOperation.keySet().forEach(k -> weight.put(k, named.containsKey(k) ? mix.get(named.get(k)) : rest));
        double total = weight.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Replay> out = new ArrayList<>(replays);
        for (Map.Entry<String, List<Integer>> op : byOperation.entrySet()) {
            double w = weight.get(op.getKey());
            for (int i : op.getValue()) {
                Replay r = out.get(i);
                if (w <= 0 || total <= 0) {
                    out.set(i, r.leaveOut(named.containsKey(op.getKey())
                            ? "load.mix gives " + r.operation() + " 0 %"
                            : "load.mix gives the operations it names 100 %, which leaves none for " + r.operation()));
                } else {
                    out.set(i, r.withShare(100 * w / total / op.getValue().size()));
                }
            }
        }
        return out;
    }

    /** Interactions that became traffic. */
    public List<Replay> replayed() {
        return replays.stream().filter(r -> !r.leftOut()).toList();
    }

    /** Interactions left out, each with its reason. */
    public List<Replay> leftOut() {
        return replays.stream().filter(Replay::leftOut).toList();
    }

    /** Makes the traffic (and may fail: a mistake in the pacts, a file that cannot be written). */
    @FunctionalInterface
    public interface Making {
        ContractTraffic make() throws IOException;
    }

    /** What {@code making} makes, or null when it fails: the stage that needs it makes it again, saying why. */
    public static ContractTraffic orNull(Making making) {
        try {
            return making.make();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@link #of}, written to {@code file} for the load worker ({@link #write}). */
    public static ContractTraffic written(ContractsSpec spec, ContractInputs inputs, String provider,
                                          Map<String, Double> mix, Path file) throws IOException {
        ContractTraffic traffic = of(spec, inputs, provider, mix);
        try {
            traffic.write(file);
        } catch (IOException e) {
            throw new IOException("cannot write the traffic for the load worker: " + e.getMessage(), e);
        }
        return traffic;
    }

    /** "8 of 12 interactions become traffic; left out: …" for the console. */
    public String summary() {
        return replayed().size() + " of " + replays.size() + " interactions become traffic" + (leftOut().isEmpty() ? ""
                : "; left out: " + leftOut().stream().map(Replay::name).collect(Collectors.joining(", ")));
    }

    /** Writes the decision for the load worker. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), this);
    }

    /** Reads what {@link #write} wrote. */
    public static ContractTraffic read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ContractTraffic.class);
    }

    /**
     * Prepares the requests of every replayed interaction (in the load worker, before the load): reads the pacts
     * as the gate read them (from {@link #pacts()}),
     * sets the provider states of those that need them once up through the state-change path, and fills their values
     * in. States set up per visit are left to the load.
     *
     * @param provider the running provider
     * @throws IllegalStateException when a pact changed since the gate read it, or a state cannot be set up
     */
    public List<RequestTemplate> prepare(URI provider) {
        Map<String, Pact> read = new HashMap<>();
        Map<String, Map<String, Object>> setUp = new HashMap<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI stateChange = stateChangePath == null ? null : provider.resolve(stateChangePath);
        List<RequestTemplate> out = new ArrayList<>();
        for (Replay r : replayed()) {
            Pact pact = read.computeIfAbsent(r.pact(), f -> {
                if (!pacts.containsKey(f)) {
                    throw new IllegalStateException("the traffic names the pact " + f + " but does not hold it: "
                            + "it was not written by this gate");
                }
                return ContractPact.read(pacts.get(f));
            });
            Interaction interaction = r.index() < pact.getInteractions().size() ? pact.getInteractions().get(r.index())
                    : null;
            if (!(interaction instanceof SynchronousRequestResponse rr)
                    || !interaction.getDescription().equals(r.interaction())) {
                throw new IllegalStateException(r.pact() + " changed since the gate read it: interaction " + r.index()
                        + " is no longer '" + r.interaction() + "'");
            }
            RequestTemplate t = RequestTemplate.compile(r, rr.getRequest(), interaction.getProviderStates());
            if (!t.perVisitState()) {
                Map<String, Object> values = new HashMap<>();
                for (String body : t.stateBodies()) {
                    values.putAll(setUp.computeIfAbsent(body, b -> ProviderStates.setUp(client, stateChange, b)));
                }
                t = t.withValues(values);
            }
            out.add(t);
        }
        return out;
    }
}
