package dev.gauntlet.bench;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;
import java.time.Duration;

/** Open model at 50 visits/s against an endpoint that always answers after 100 ms, every request recorded. */
public class AccuracySimulation extends GauntletSimulation {
    {
        run(LoadPlan.warmup(20, Duration.ofSeconds(5)).baseline(50, Duration.ofSeconds(20)),
                scenario("fixed delay").exec(run.request("GET /slow", http("GET /slow").get("/slow"))));
    }
}
