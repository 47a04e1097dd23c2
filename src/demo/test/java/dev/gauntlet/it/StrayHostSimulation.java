package dev.gauntlet.it;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static java.time.Duration.ofSeconds;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;

/**
 * Real traffic to the gated API plus, every visit, an attempt to reach {@code load.settings.strayUrl}, a host the
 * environment's targets do not list (ExternalAndInjectorsIT points it at the test's own end of its veth pair, so even
 * a broken guard would not send a packet off this machine).
 */
public class StrayHostSimulation extends GauntletSimulation {
    {
        String stray = run.setting("strayUrl", "http://127.0.0.1:9/", "a URL on a host that is not a target");
        run(LoadPlan.warmup(10, ofSeconds(3)).baseline(20, ofSeconds(6)),
                scenario("stray host")
                        .exec(run.request("GET /products", http("GET /products").get("/products")
                                .header("Authorization", "Bearer key-alice")))
                        .exec(run.request("GET stray", http("GET stray").get(stray))));
    }
}
