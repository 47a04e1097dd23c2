package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's write log: writes only, bounded, and what was cut is counted. (Answers: SeededDefectsIT.) */
class ResponseTapTest {
    @TempDir
    Path dir;

    @Test
    void writesWithoutAnAnswerAreLoggedAsIndeterminateWithinTheBound() throws Exception {
        ResponseTap tap = new ResponseTap(dir, true, 0, 0, 2, 10);
        tap.noAnswer("GET /orders", "GET", 1);          // a read: not a write
        tap.noAnswer("POST /orders", "POST", 2);
        tap.noAnswer("PUT /orders/{id}", "PUT", 3);
        tap.noAnswer("POST /orders", "POST", 4);        // over maxWrites: cut
        tap.close();
        List<String> lines = Files.readAllLines(dir.resolve(ResponseTap.WRITES));
        assertEquals(2, lines.size(), lines.toString());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals(0, first.get("status").asInt());
        assertEquals("POST /orders", first.get("operation").asText());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(ResponseTap.SUMMARY).toFile());
        assertEquals(2, summary.get("writesLogged").asLong());
        assertEquals(1, summary.get("writesCut").asLong());
    }

    @Test
    void anInactiveTapWritesNothing() {
        ResponseTap tap = new ResponseTap(dir, false, 0, 0, 0, 0);
        tap.noAnswer("POST /orders", "POST", 2);
        tap.close();
        assertTrue(!tap.active() && !Files.exists(dir.resolve(ResponseTap.WRITES))
                && !Files.exists(dir.resolve(ResponseTap.SUMMARY)));
    }
}
