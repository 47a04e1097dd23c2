package dev.gauntlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The seeded memory leak ({@code --defect leak-memory}) fails the orders-api's memory growth objective of a shortened
 * nightly soak (the clean system passes it: {@link ResourceIT}). The leak grows ~800 MB/h against a limit of 100 MB/h,
 * so this run may share the machine with another test's gate.
 */
class MemoryLeakIT {
    @Test
    void aMemoryLeakFailsTheSoaksMemoryGrowthObjective() throws Exception {
        Path leakEnv = GauntletProcess.variant(ResourceIT.NIGHTLY, "leak-memory", "\"--test-hooks\"]",
                "\"--test-hooks\", \"--defect\", \"leak-memory\"]");
        Path leakOut = GauntletProcess.out("resource-leak");
        GauntletProcess leaky = GauntletProcess.start(ResourceIT.run(leakEnv, leakOut));
        assertEquals(1, leaky.await(Duration.ofMinutes(5)), leaky.output());
        JsonNode leak = new ObjectMapper().readTree(leakOut.resolve("report.json").toFile());
        JsonNode growth = ResourceIT.growth(leak);
        assertEquals("FAIL", growth.get("status").asText(), growth.toString());
        assertTrue(growth.at("/figures/samples").asInt() >= 24, growth.toString());
        assertTrue(leak.get("reasons").toString().contains("memory growth"), leak.get("reasons").toString());
        System.out.printf("memory growth of the leaking orders-api: %.1f MB/h (r² %.2f), limit %.0f MB/h%n",
                growth.get("measured").asDouble(), growth.at("/figures/r2").asDouble(), growth.get("threshold").asDouble());
    }
}
