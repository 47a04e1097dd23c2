package dev.gauntlet.bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.forever;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;
import dev.gauntlet.load.LoadRun;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/** The two sides of the recorder-overhead benchmark: the same closed loop, plain and through the harness. */
final class OverheadSimulations {
    static final int USERS = 50;
    static final Duration DURATION = Duration.ofSeconds(Long.getLong("bench.seconds", 25));

    private OverheadSimulations() {
    }

    /** Plain Gatling: 50 users loop GET /ping. */
    public static class Plain extends Simulation {
        {
            setUp(scenario("plain").forever().on(http("GET /ping").get("/ping"))
                    .injectClosed(constantConcurrentUsers(USERS).during(DURATION)))
                    .protocols(LoadRun.current().http())
                    .maxDuration(DURATION);
        }
    }

    /** Plain Gatling: 50 users loop POST /ping (the response-tap benchmark's reference). */
    public static class PlainWrites extends Simulation {
        {
            setUp(scenario("plain-writes").forever().on(http("POST /ping").post("/ping"))
                    .injectClosed(constantConcurrentUsers(USERS).during(DURATION)))
                    .protocols(LoadRun.current().http())
                    .maxDuration(DURATION);
        }
    }

    /** The same loop with every request going through {@link LoadRun#request}. */
    public static class Recorded extends GauntletSimulation {
        {
            LoadPlan plan = LoadPlan.empty().hold("bench", USERS, DURATION);
            setUp(scenario("recorded").forever().on(run.request("GET /ping", http("GET /ping").get("/ping")))
                    .injectClosed(constantConcurrentUsers(USERS).during(DURATION)))
                    .protocols(run.http())
                    .maxDuration(DURATION);
            usePlan(plan);
        }
    }

    /** The same loop as writes (POST), so the response tap logs every answer: its worst case. */
    public static class Writes extends GauntletSimulation {
        {
            LoadPlan plan = LoadPlan.empty().hold("bench", USERS, DURATION);
            setUp(scenario("writes").forever().on(run.request("POST /ping", http("POST /ping").post("/ping")))
                    .injectClosed(constantConcurrentUsers(USERS).during(DURATION)))
                    .protocols(run.http())
                    .maxDuration(DURATION);
            usePlan(plan);
        }
    }
}
