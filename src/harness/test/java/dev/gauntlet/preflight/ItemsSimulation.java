package dev.gauntlet.preflight;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static java.time.Duration.ofSeconds;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;

/** A simulation for the checks made before anything starts: it declares settings, a plan and two operations. */
public class ItemsSimulation extends GauntletSimulation {
    {
        run(LoadPlan.warmup(run.rate("warmupRate", 5, "visits/s of the warm-up"),
                                run.duration("warmup", ofSeconds(2), "how long the warm-up lasts"))
                        .baseline(run.rate("baselineRate", 10, "visits/s of steady traffic"),
                                run.duration("baselineDuration", ofSeconds(4), "how long the baseline lasts"))
                        .spike(run.number("spikeFactor", 3, "the spike as a multiple of the baseline"),
                                run.duration("spikeDuration", ofSeconds(2), "how long the spike lasts")),
                scenario("items")
                        .exec(run.request("GET /items", http("GET /items").get("/items")))
                        .exec(run.request("GET /items/{id}", http("GET /items/{id}").get("/items/"
                                + run.setting("item", "1", "the item visitors look at")))));
    }
}
