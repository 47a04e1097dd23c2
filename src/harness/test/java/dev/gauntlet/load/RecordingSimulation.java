package dev.gauntlet.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.time.Duration;

/**
 * One visit asks for every kind of answer once, through {@link LoadRun#request}: a slow 200, a 429 with and without
 * {@code Retry-After}, a 503 write, a redirect to the slow 200, a 404 and a write to a port nothing listens on
 * ({@code -Drecording.refusedUrl}). {@link RequestRecordingTest} runs it in a load worker.
 */
public class RecordingSimulation extends GauntletSimulation {
    {
        String refused = System.getProperty("recording.refusedUrl");
        run(LoadPlan.empty().hold("steady", 10, Duration.ofSeconds(2)), scenario("every answer")
                .exec(run.request("GET /slow", http("GET /slow").get("/slow")))
                .exec(run.request("GET /limited", http("GET /limited").get("/limited")))
                .exec(run.request("GET /bare", http("GET /bare").get("/bare")))
                .exec(run.request("POST /boom", http("POST /boom").post("/boom")))
                .exec(run.request("GET /moved", http("GET /moved").get("/moved")))
                .exec(run.request("GET /missing", http("GET /missing").get("/missing")))
                .exec(run.request("POST /refused", http("POST /refused").post(refused))));
    }
}
