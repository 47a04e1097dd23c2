package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.http.client.RequestBuilder;
import io.gatling.http.client.uri.Uri;
import io.gatling.http.response.NoResponseBody;
import io.gatling.http.response.Response;
import io.gatling.http.response.ResponseBody;
import io.gatling.http.response.StringResponseBody;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines the tap writes for real Gatling answers, byte for byte (the durability and conformance checks read them),
 * and its bounds: what is over a bound is counted as cut, never logged.
 */
class ResponseTapAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesAndSamplesAreLoggedWithTheirPathCredentialsHeadersAndBody() throws Exception {
        ResponseTap tap = new ResponseTap(dir, true, 0, 1, 10, 10);
        tap.observe(0, "POST /orders", "POST", answer("POST", "/orders?x=1", 201, "{\"id\":\"o-1\"}",
                "Location", "/orders/o-1"));
        tap.observe(0, "POST /orders", "POST", answer("POST", "/orders", 201, "{\"id\":\"o-2\"}"));
        tap.observe(1, "GET /orders/{id}", "GET", answer("GET", "/orders/o-2", 404,
                "{\"error\":\"\u00e9 \uD83D\uDE00 \\\"x\\\"\"}"));
        tap.observe(2, "DELETE /orders/{id}", "DELETE", answer("DELETE", "/orders/o-1", 503, null));
        tap.close();
        assertEquals(List.of(
                "{\"t\":0,\"operation\":\"POST /orders\",\"method\":\"POST\",\"path\":\"/orders?x=1\",\"status\":201,"
                        + "\"location\":\"/orders/o-1\",\"credentials\":{\"Authorization\":\"Bearer alice\","
                        + "\"X-Api-Key\":\"key-a\",\"authorization\":\"Bearer shadowed\"}}",
                "{\"t\":0,\"operation\":\"POST /orders\",\"method\":\"POST\",\"path\":\"/orders\",\"status\":201,"
                        + "\"body\":\"{\\\"id\\\":\\\"o-2\\\"}\",\"credentials\":{\"Authorization\":\"Bearer alice\","
                        + "\"X-Api-Key\":\"key-a\",\"authorization\":\"Bearer shadowed\"}}",
                "{\"t\":0,\"operation\":\"DELETE /orders/{id}\",\"method\":\"DELETE\",\"path\":\"/orders/o-1\","
                        + "\"status\":503,\"body\":\"\",\"credentials\":{\"Authorization\":\"Bearer alice\","
                        + "\"X-Api-Key\":\"key-a\","
                        + "\"authorization\":\"Bearer shadowed\"}}"), lines(ResponseTap.WRITES));
        assertEquals(List.of(
                "{\"t\":0,\"operation\":\"POST /orders\",\"path\":\"/orders?x=1\",\"credentials\":{\"Authorization\":"
                        + "\"Bearer alice\",\"X-Api-Key\":\"key-a\",\"authorization\":\"Bearer shadowed\"},"
                        + "\"status\":201,\"headers\":{\"Content-Type\":"
                        + "\"application/json\",\"Set-Cookie\":\"a=1\",\"Location\":\"/orders/o-1\"},\"body\":"
                        + "\"{\\\"id\\\":\\\"o-1\\\"}\"}",
                "{\"t\":0,\"operation\":\"POST /orders\",\"path\":\"/orders\",\"credentials\":{\"Authorization\":"
                        + "\"Bearer alice\",\"X-Api-Key\":\"key-a\",\"authorization\":\"Bearer shadowed\"},"
                        + "\"status\":201,\"headers\":{\"Content-Type\":"
                        + "\"application/json\",\"Set-Cookie\":\"a=1\"},\"body\":\"{\\\"id\\\":\\\"o-2\\\"}\"}",
                "{\"t\":0,\"operation\":\"GET /orders/{id}\",\"path\":\"/orders/o-2\","
                        + "\"credentials\":{\"Authorization\":\"Bearer alice\",\"X-Api-Key\":\"key-a\","
                        + "\"authorization\":\"Bearer shadowed\"},"
                        + "\"status\":404,\"headers\":{\"Content-Type\":"
                        + "\"application/json\",\"Set-Cookie\":\"a=1\"},"
                        + "\"body\":\"{\\\"error\\\":\\\"\u00e9 \uD83D\uDE00 \\\\\\\"x"
                        + "\\\\\\\"\\\"}\"}",
                "{\"t\":0,\"operation\":\"DELETE /orders/{id}\",\"path\":\"/orders/o-1\",\"credentials\":{"
                        + "\"Authorization\":\"Bearer alice\",\"X-Api-Key\":\"key-a\","
                        + "\"authorization\":\"Bearer shadowed\"},\"status\":503,\"headers\":{"
                        + "\"Content-Type\":\"application/json\",\"Set-Cookie\":\"a=1\"},\"body\":\"\"}"),
                lines(ResponseTap.SAMPLES));
        JsonNode summary = JSON.readTree(dir.resolve(ResponseTap.SUMMARY).toFile());
        assertEquals(3, summary.get("writesLogged").asLong());
        assertEquals(4, summary.get("samplesLogged").asLong());
    }

    @Test
    void whatIsOverABoundIsCountedAsCutAndNeverLogged() throws Exception {
        ResponseTap tap = new ResponseTap(dir, true, 1000, 0, 2, 3);
        for (int i = 0; i < 5; i++) {
            tap.observe(0, "POST /orders", "POST", answer("POST", "/orders", 201, "{\"id\":\"o-" + i + "\"}"));
        }
        tap.observe(1, "GET /orders", "GET", answer("GET", "/orders", 200, "[]"));
        tap.noAnswer("POST /orders", "POST", 7);
        tap.close();
        assertEquals(2, lines(ResponseTap.WRITES).size());
        assertEquals(3, lines(ResponseTap.SAMPLES).size());
        assertEquals("{\"t\":0,\"operation\":\"POST /orders\",\"path\":\"/orders\",\"credentials\":{\"Authorization\":"
                + "\"Bearer alice\",\"X-Api-Key\":\"key-a\",\"authorization\":\"Bearer shadowed\"},"
                        + "\"status\":201,\"headers\":{\"Content-Type\":"
                + "\"application/json\",\"Set-Cookie\":\"a=1\"},\"body\":\"{\\\"id\\\":\\\"o-2\\\"}\"}",
                lines(ResponseTap.SAMPLES).get(2));
        JsonNode summary = JSON.readTree(dir.resolve(ResponseTap.SUMMARY).toFile());
        assertEquals(2, summary.get("writesLogged").asLong());
        assertEquals(4, summary.get("writesCut").asLong());
        assertEquals(3, summary.get("samplesLogged").asLong());
        assertEquals(3, summary.get("samplesCut").asLong());
    }

    @Test
    void answersBeyondThePerSecondAllowanceAreKeptByShareOnly() throws Exception {
        ResponseTap tap = new ResponseTap(dir, false, 3, 0, 0, 100);
        for (int i = 0; i < 50; i++) {
            tap.observe(0, "GET /orders", "GET", answer("GET", "/orders", 200, "[]"));
            tap.observe(1, "GET /items", "GET", answer("GET", "/items", 200, "[]"));
        }
        tap.close();
        // 3 per operation and second; the loop may straddle a second, then at most 3 more each
        long orders = lines(ResponseTap.SAMPLES).stream().filter(l -> l.contains("\"GET /orders\"")).count();
        long items = lines(ResponseTap.SAMPLES).stream().filter(l -> l.contains("\"GET /items\"")).count();
        assertEquals(true, orders >= 3 && orders <= 6 && items >= 3 && items <= 6, orders + " " + items);
        assertEquals(0, JSON.readTree(dir.resolve(ResponseTap.SUMMARY).toFile()).get("samplesCut").asLong());
    }

    @Test
    void theBoundsHoldExactlyUnderManyThreads() throws Exception {
        ResponseTap tap = new ResponseTap(dir, true, 0, 1, 1000, 700);
        Response created = answer("POST", "/orders", 201, "{}", "Location", "/orders/1");
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int n = 0; n < 5000; n++) {
                    tap.observe(0, "POST /orders", "POST", created);
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        tap.close();
        assertEquals(1000, lines(ResponseTap.WRITES).size());
        assertEquals(700, lines(ResponseTap.SAMPLES).size());
        JsonNode summary = JSON.readTree(dir.resolve(ResponseTap.SUMMARY).toFile());
        assertEquals(List.of(1000L, 19_000L, 700L, 19_300L), List.of(summary.get("writesLogged").asLong(),
                summary.get("writesCut").asLong(), summary.get("samplesLogged").asLong(),
                summary.get("samplesCut").asLong()));
    }

    @Test
    void aLineThatCannotBeWrittenNeverBreaksTheFile() throws Exception {
        ResponseTap tap = new ResponseTap(dir, false, 0, 1, 0, 10);
        tap.observe(0, "GET /a", "GET", answer("GET", "/a", 200, "one"));
        tap.observe(0, "GET /a", "GET", answer("GET", "/a", 200, "broken \uD800")); // a lone surrogate: no UTF-8
        tap.observe(0, "GET /a", "GET", answer("GET", "/a", 200, "three"));
        tap.close();
        // left out whole, or written escaped: every line is JSON and the answers after it are there
        List<String> bodies = lines(ResponseTap.SAMPLES).stream().map(l -> {
            try {
                return JSON.readTree(l).get("body").asText();
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals(List.of("one", "three"), bodies.stream().filter(b -> !b.startsWith("broken")).toList());
    }

    /** A Gatling answer to {@code method path} sent with credentials; {@code headers} are the answer's extra ones. */
    private static Response answer(String method, String path, int status, String body, String... headers) {
        HttpHeaders sent = new DefaultHttpHeaders().add("Authorization", "Bearer alice").add("Accept", "*/*")
                .add("X-Api-Key", "key-a").add("authorization", "Bearer shadowed");
        var request = new RequestBuilder(method + " " + path, HttpMethod.valueOf(method),
                Uri.create("http://127.0.0.1:1" + path), null).setHeaders(sent).build();
        HttpHeaders got = new DefaultHttpHeaders().add("Content-Type", "application/json").add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2");
        for (int i = 0; i < headers.length; i += 2) {
            got.add(headers[i], headers[i + 1]);
        }
        ResponseBody b = body == null ? new NoResponseBody(0) : new StringResponseBody(body, StandardCharsets.UTF_8);
        return new Response(request, 0, 1, HttpResponseStatus.valueOf(status), got, b,
                scala.collection.immutable.Map$.MODULE$.empty(), false);
    }

    private List<String> lines(String file) throws Exception {
        return Files.readAllLines(dir.resolve(file)).stream().map(l -> l.replaceFirst("^\\{\"t\":\\d+", "{\"t\":0"))
                .toList();
    }
}
