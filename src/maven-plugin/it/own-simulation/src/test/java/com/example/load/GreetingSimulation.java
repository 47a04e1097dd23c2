package com.example.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static java.time.Duration.ofSeconds;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;

/** The project's own load: an unscored warm-up, then a steady phase; rates and durations from load.settings. */
public class GreetingSimulation extends GauntletSimulation {
    {
        run(LoadPlan.warmup(run.rate("rate", 20), run.duration("warmup", ofSeconds(5)))
                        .hold("steady", run.rate("rate", 20), run.duration("steady", ofSeconds(20))),
                scenario("visitors").exec(run.request("GET /greetings/{name}",
                        http("GET /greetings/{name}").get("/greetings/ada"))));
    }
}
