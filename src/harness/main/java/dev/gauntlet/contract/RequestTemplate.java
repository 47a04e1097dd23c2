package dev.gauntlet.contract;

import au.com.dius.pact.core.model.ContentType;
import au.com.dius.pact.core.model.IRequest;
import au.com.dius.pact.core.model.OptionalBody;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.core.model.generators.Category;
import au.com.dius.pact.core.model.generators.Generator;
import au.com.dius.pact.core.model.generators.GeneratorTestMode;
import au.com.dius.pact.core.model.generators.Generators;
import au.com.dius.pact.core.model.generators.ProviderStateGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One interaction's request, prepared once for replay under load: method, URL, headers and body as literal text with
 * slots for the values that change — provider-state values ({@code fromProviderState} expressions such as
 * {@code /orders/${orderId}}, indexed by {@link #variables()}) and fresh values of the pact's other generators (UUIDs,
 * random numbers, dates). A request only fills the slots; a request without slots allocates nothing.
 *
 * <p>Values are passed as an array in the order of {@link #variables()}: {@link #onceValues()} for states set up once
 * before the load, or the values of the states set up again for this visit ({@link #perVisitState()}).
 */
public final class RequestTemplate {
    private final Replay replay;
    private final TextTemplate url;
    private final String[] headerNames;
    private final TextTemplate[] headerValues;
    private final TextTemplate body;
    private final List<String> variables;
    private final List<String> stateBodies;
    private final Object[] onceValues;

    private RequestTemplate(Replay replay, TextTemplate url, String[] headerNames, TextTemplate[] headerValues,
                            TextTemplate body, List<String> variables, List<String> stateBodies, Object[] onceValues) {
        this.replay = replay;
        this.url = url;
        this.headerNames = headerNames;
        this.headerValues = headerValues;
        this.body = body;
        this.variables = List.copyOf(variables);
        this.stateBodies = List.copyOf(stateBodies);
        this.onceValues = onceValues;
    }

    /**
     * Prepares {@code request} for replay as {@code replay} says.
     *
     * @param states the interaction's provider states (set up per visit or once, by the caller)
     */
    static RequestTemplate compile(Replay replay, IRequest request, List<ProviderState> states) {
        List<String> variables = new ArrayList<>();
        Generators generators = request.getGenerators();
        TextTemplate url = url(request, generators, variables);
        Map<String, Generator> headerGenerators = forProvider(generators, Category.HEADER);
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        for (String name : headerGenerators.keySet()) {
            if (find(headers, name) == null) {
                headers.put(name, "");
            }
        }
        OptionalBody optionalBody = request.getBody();
        boolean hasBody = optionalBody.isPresent();
        if (hasBody && find(headers, "Content-Type") == null) {
            headers.put("Content-Type", optionalBody.getContentType().toString());
        }
        String[] names = headers.keySet().toArray(String[]::new);
        TextTemplate[] values = new TextTemplate[names.length];
        for (int i = 0; i < names.length; i++) {
            Generator g = find(headerGenerators, names[i]);
            values[i] = g == null ? TextTemplate.literal(headers.get(names[i]))
                    : TextTemplate.of(List.of(part(g, headers.get(names[i]), TextTemplate.Encoding.RAW, variables)));
        }
        TextTemplate body = hasBody ? body(optionalBody, generators, variables) : null;
        List<String> stateBodies = states.stream().map(ProviderStates::setupBody).toList();
        return new RequestTemplate(replay, url, names, values, body, variables, stateBodies, null);
    }

    private static TextTemplate url(IRequest request, Generators generators, List<String> variables) {
        List<TextTemplate.Part> parts = new ArrayList<>();
        Generator path = forProvider(generators, Category.PATH).values().stream().findFirst().orElse(null);
        parts.add(path == null ? new TextTemplate.Literal(request.getPath())
                : part(path, request.getPath(), TextTemplate.Encoding.RAW, variables));
        Map<String, Generator> queryGenerators = forProvider(generators, Category.QUERY);
        Map<String, List<String>> query = new LinkedHashMap<>(request.getQuery());
        queryGenerators.keySet().forEach(k -> query.putIfAbsent(k, List.of("")));
        char separator = '?';
        for (Map.Entry<String, List<String>> q : query.entrySet()) {
            Generator g = queryGenerators.get(q.getKey());
            List<String> list = q.getValue().isEmpty() ? java.util.Collections.singletonList(null) : q.getValue();
            for (String value : list) {
                String key = separator + URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8);
                separator = '&';
                if (value == null && g == null) {
                    parts.add(new TextTemplate.Literal(key));
                    continue;
                }
                parts.add(new TextTemplate.Literal(key + "="));
                parts.add(g == null ? new TextTemplate.Literal(URLEncoder.encode(value, StandardCharsets.UTF_8))
                        : part(g, value, TextTemplate.Encoding.QUERY, variables));
            }
        }
        return TextTemplate.of(parts);
    }

    private static TextTemplate body(OptionalBody body, Generators generators, List<String> variables) {
        String text = body.valueAsString();
        Map<String, Generator> bodyGenerators = forProvider(generators, Category.BODY);
        if (bodyGenerators.isEmpty()) {
            return TextTemplate.literal(text);
        }
        ContentType type = body.getContentType();
        if (type.isJson()) {
            Map<String, Function<Object, TextTemplate.Part>> slots = new LinkedHashMap<>();
            bodyGenerators.forEach((path, g) -> slots.put(path,
                    example -> part(g, example, TextTemplate.Encoding.JSON, variables)));
            TextTemplate json = JsonSlots.of(text, slots);
            if (json != null) {
                return json;
            }
        }
        // other content types, or paths the slots cannot follow: Pact JVM applies the generators on every request
        bodyGenerators.values().stream().filter(g -> g instanceof ProviderStateGenerator)
                .forEach(g -> TextTemplate.variablesOf(((ProviderStateGenerator) g).getExpression()).forEach(v -> {
                    if (!variables.contains(v)) {
                        variables.add(v);
                    }
                }));
        Generators only = new Generators(new HashMap<>(Map.of(Category.BODY, bodyGenerators)));
        return TextTemplate.of(List.of((out, values) -> {
            Map<String, Object> state = new HashMap<>();
            for (int i = 0; i < variables.size(); i++) {
                state.put(variables.get(i), values[i]);
            }
            Map<String, Object> context = new HashMap<>(Map.of("providerState", state));
            out.append(only.applyBodyGenerators(body, type, context, GeneratorTestMode.Provider).valueAsString());
        }));
    }

    private static TextTemplate.Part part(Generator g, Object example, TextTemplate.Encoding encoding,
                                          List<String> variables) {
        if (g instanceof ProviderStateGenerator ps) {
            return TextTemplate.stateExpression(ps.getExpression(), ps.getDataType(), encoding, variables);
        }
        return new TextTemplate.Generated(g, example, encoding);
    }

    /** A category's generators that apply on the provider side (Pact's mock-server URL generators do not). */
    static Map<String, Generator> forProvider(Generators generators, Category category) {
        Map<String, Generator> out = new LinkedHashMap<>();
        Map<String, Generator> all = generators == null ? null : generators.categoryFor(category);
        if (all != null) {
            all.forEach((k, g) -> {
                if (g.correspondsToMode(GeneratorTestMode.Provider)) {
                    out.put(k, g);
                }
            });
        }
        return out;
    }

    private static <T> T find(Map<String, T> byName, String name) {
        for (Map.Entry<String, T> e : byName.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * This template with the values of states set up once.
     *
     * @throws IllegalStateException when a value an expression needs is not among {@code values}
     */
    RequestTemplate withValues(Map<String, Object> values) {
        Object[] once = new Object[variables.size()];
        for (int i = 0; i < once.length; i++) {
            if (!values.containsKey(variables.get(i))) {
                throw new IllegalStateException(replay.name() + " needs the provider-state value '" + variables.get(i)
                        + "', but its state(s) " + replay.states() + " answered only " + values.keySet());
            }
            once[i] = values.get(variables.get(i));
        }
        return new RequestTemplate(replay, url, headerNames, headerValues, body, variables, stateBodies, once);
    }

    /** What the gate decided for this interaction: operation, how, share of the visits. */
    public Replay replay() {
        return replay;
    }

    public String operation() {
        return replay.operation();
    }

    public String method() {
        return replay.method();
    }

    /** Whether the provider states are set up again before every request (see {@link #stateBodies()}). */
    public boolean perVisitState() {
        return replay.how() == Replay.How.STATE_PER_VISIT;
    }

    /** Bodies to POST to the state-change path, one per provider state, in order. */
    public List<String> stateBodies() {
        return stateBodies;
    }

    /** Names of the provider-state values the request uses; values arrays follow this order. */
    public List<String> variables() {
        return variables;
    }

    /** Values of the states set up once before the load (empty array when there are none). */
    public Object[] onceValues() {
        return onceValues == null ? new Object[0] : onceValues;
    }

    /** Path and query string for one request. */
    public String url(Object[] values) {
        return url.render(values);
    }

    public int headerCount() {
        return headerNames.length;
    }

    public String headerName(int i) {
        return headerNames[i];
    }

    /** The header's value when it never changes, else null. */
    public String headerConstant(int i) {
        return headerValues[i].constant();
    }

    public String headerValue(int i, Object[] values) {
        return headerValues[i].render(values);
    }

    public boolean hasBody() {
        return body != null;
    }

    /** The body for one request (null when there is none). */
    public String body(Object[] values) {
        return body == null ? null : body.render(values);
    }
}
