package dev.gauntlet.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.gauntlet.contract.RequestTemplate;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The Gatling scenario of traffic from contracts: each visit picks one interaction by its share and sends its
 * request through {@link LoadRun#request}, after setting its provider states up again when it needs a resource of its
 * own. Requests are prepared once ({@link RequestTemplate}); a visit only fills in fresh values.
 */
final class ContractScenario {
    private static final String VALUE = "gauntlet.state.";

    private ContractScenario() {
    }

    static ScenarioBuilder of(LoadRun run, String stateChangePath, List<RequestTemplate> templates) {
        if (templates.isEmpty()) {
            throw new IllegalStateException("no interaction of the contracts became traffic");
        }
        if (templates.size() == 1) { // Gatling's doSwitch needs two choices or more
            return scenario("traffic from contracts").exec(visit(run, stateChangePath, templates.get(0)));
        }
        double[] cumulative = new double[templates.size()];
        Integer[] keys = new Integer[templates.size()];
        List<Choice.WithKey> choices = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < templates.size(); i++) {
            total += templates.get(i).replay().sharePercent();
            cumulative[i] = total;
            keys[i] = i;
            choices.add(onCase(keys[i]).then(visit(run, stateChangePath, templates.get(i))));
        }
        double sum = total;
        return scenario("traffic from contracts").doSwitch(session -> keys[pick(cumulative, sum)]).on(choices);
    }

    /** Index of the interaction a visit replays: by share, from the cumulative shares. */
    static int pick(double[] cumulative, double total) {
        double x = ThreadLocalRandom.current().nextDouble(total);
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    private static ChainBuilder visit(LoadRun run, String stateChangePath, RequestTemplate t) {
        String[] attributes = t.variables().stream().map(v -> VALUE + v).toArray(String[]::new);
        Object[] once = t.onceValues();
        Function<Session, Object[]> values = !t.perVisitState() ? session -> once : session -> {
            Object[] v = new Object[attributes.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = session.get(attributes[i]);
            }
            return v;
        };
        HttpRequestActionBuilder request = http(t.operation())
                .httpRequest(t.method(), session -> t.url(values.apply(session)))
                .ignoreProtocolHeaders();
        for (int h = 0; h < t.headerCount(); h++) {
            int i = h;
            String constant = t.headerConstant(i);
            request = request.header(t.headerName(i), constant != null ? session -> constant
                    : session -> t.headerValue(i, values.apply(session)));
        }
        if (t.hasBody()) {
            request = request.body(StringBody(session -> t.body(values.apply(session))));
        }
        ChainBuilder send = run.request(t.operation(), request);
        if (!t.perVisitState()) {
            return send;
        }
        String operation = LoadRun.SET_UP + "POST " + stateChangePath;
        CheckBuilder[] captures = new CheckBuilder[attributes.length];
        for (int i = 0; i < attributes.length; i++) {
            captures[i] = jsonPath("$['" + t.variables().get(i).replace("'", "\\'") + "']").ofObject().optional()
                    .saveAs(attributes[i]);
        }
        ChainBuilder visit = null;
        for (String body : t.stateBodies()) {
            HttpRequestActionBuilder setUp = http(operation).post(session -> stateChangePath).ignoreProtocolHeaders()
                    .header("Content-Type", session -> "application/json")
                    .body(StringBody(session -> body))
                    .checkIf((response, session) -> response.status().code() / 100 == 2).then(captures);
            ChainBuilder step = run.request(operation, setUp);
            visit = visit == null ? step : visit.exec(step);
        }
        return visit.doIf(session -> {
            for (String a : attributes) {
                if (!session.contains(a)) {
                    return false;
                }
            }
            return true;
        }).then(send);
    }
}
