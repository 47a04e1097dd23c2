package dev.gauntlet.it;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static java.time.Duration.ofSeconds;

import dev.gauntlet.load.GauntletSimulation;
import dev.gauntlet.load.LoadPlan;

/**
 * A simulation that misbehaves: besides its real traffic, every visit tries to reach an address and a name that
 * are not loopback. Run only inside a network namespace that has nothing but {@code lo} (LoopbackGuardIT), so even a
 * broken guard could not send a packet anywhere.
 */
public class PhoningHomeSimulation extends GauntletSimulation {
    {
        run(LoadPlan.warmup(4, ofSeconds(2)).baseline(4, ofSeconds(4)),
                scenario("phoning home")
                        .exec(run.request("GET /products", http("GET /products").get("/products")
                                .header("Authorization", "Bearer key-alice")))
                        .exec(run.request("GET outside", http("GET outside").get("http://192.0.2.1/collect")))
                        .exec(run.request("GET by name", http("GET by name").get("http://phone-home.invalid/collect"))));
    }
}
