package dev.gauntlet.contract;

import static dev.gauntlet.contract.FieldPathsTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageAndExposureTest {
    private static final List<ApiOperation> DOC = OpenApiDocument.operations(json("""
            {'openapi':'3.0.3','paths':{
              '/health':{'get':{'tags':['meta']}},
              '/products':{'get':{'tags':['shop']}},
              '/orders':{'parameters':[],'get':{},'post':{}},
              '/orders/{id}':{'summary':'x','get':{},'delete':{}},
              '/orders/{id}/invoice':{'get':{}}}}
            """));

    private static Exchange exchange(String method, String path, String expected, String actual) {
        return new Exchange(method, path, expected == null ? null : json(expected), actual == null ? null : json(actual));
    }

    @Test
    void theDocumentListsMethodAndTemplateOfEveryOperation() {
        assertEquals(List.of("GET /health", "GET /products", "GET /orders", "POST /orders", "GET /orders/{id}",
                "DELETE /orders/{id}", "GET /orders/{id}/invoice"), DOC.stream().map(ApiOperation::name).toList());
        assertEquals(List.of("meta"), DOC.get(0).tags());
    }

    @Test
    void onlyOpenApi3AndSwagger2AreAccepted() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> OpenApiDocument.operations(json("{'swagger':'1.2','paths':{}}")));
        assertTrue(e.getMessage().contains("OpenAPI 3") && e.getMessage().contains("Swagger 2.0"), e.getMessage());
        assertEquals(List.of("GET /items"), OpenApiDocument.operations(json(
                "{'swagger':'2.0','paths':{'/items':{'get':{'responses':{}}}}}")).stream().map(ApiOperation::name)
                .toList(), "a Swagger 2.0 document is converted, not refused");
    }

    @Test
    void anOperationIsCoveredWhenSomeInteractionMatchesMethodAndTemplate() {
        Coverage c = Coverage.of(DOC, List.of("DELETE /orders/{orderId}"), List.of(
                exchange("GET", "/products", null, null),
                exchange("GET", "/orders/ord-17", null, null),
                exchange("GET", "/orders/ord-18", null, null),
                exchange("POST", "/orders", null, null),
                exchange("PUT", "/orders", null, null)));
        assertEquals(5, c.operations(), "meta and ignored operations are not counted");
        assertEquals(3, c.covered());
        assertEquals(List.of("GET /orders", "GET /orders/{id}/invoice"), c.uncovered());
        assertEquals(List.of(new Coverage.Row("GET /products", 1, null), new Coverage.Row("GET /orders", 0, null),
                new Coverage.Row("POST /orders", 1, null), new Coverage.Row("GET /orders/{id}", 2, null),
                new Coverage.Row("GET /orders/{id}/invoice", 0, null)), c.table());
    }

    @Test
    void theLoadColumnIsFilledFromTheLoadsOperationNames() {
        Coverage c = Coverage.of(DOC, List.of(), List.of()).withLoad(List.of("GET /products", "GET /orders/{orderId}",
                "POST /orders"));
        assertEquals(List.of(true, false, true, true, false, false),
                c.table().stream().map(Coverage.Row::load).toList());
        assertNull(Coverage.of(DOC, List.of(), List.of()).table().get(0).load(), "unknown until the load ran");
    }

    @Test
    void fieldsNoInteractionOfTheOperationMentionsAreExposed() {
        List<Exchange> exchanges = List.of(
                exchange("GET", "/orders/ord-17", "{'id':'a','sku':'b'}", "{'id':'a','sku':'b','internalCostCents':1}"),
                exchange("GET", "/orders/ord-18", "{'title':'x'}", "{'title':'x','type':'/problems/not-found'}"),
                exchange("GET", "/orders", "{'items':[{'id':'a'}]}", "{'items':[{'id':'a','sku':'b'}]}"),
                exchange("GET", "/orders", "{'items':[{'sku':'a'}]}", "{'items':[]}"),
                exchange("DELETE", "/orders/ord-17", null, null));
        Exposures.Result r = Exposures.of(DOC, exchanges, List.of());
        assertEquals(List.of(new Exposure("GET /orders/{id}", List.of("internalCostCents", "type"))), r.findings(),
                "another consumer's interaction of GET /orders mentions items[].sku");
        assertEquals(List.of(), r.allowed());
    }

    @Test
    void allowedFieldsAreReportedWithTheirReasonAndDoNotCount() {
        List<Exchange> exchanges = List.of(
                exchange("GET", "/orders/ord-17", "{'id':'a'}", "{'id':'a','type':'t','internalCostCents':1}"));
        Exposures.Result r = Exposures.of(DOC, exchanges,
                List.of(new AllowedExposure("GET /orders/{orderId}", "type", "problem type URI"),
                        new AllowedExposure("GET /products", "internalCostCents", "another operation")));
        assertEquals(List.of(new Exposure("GET /orders/{id}", List.of("internalCostCents"))), r.findings());
        assertEquals(List.of(new AllowedExposure("GET /orders/{id}", "type", "problem type URI")), r.allowed());
    }

    @Test
    void anAllowanceForAnyOperationAllowsTheFieldEverywhere() {
        List<Exchange> exchanges = List.of(
                exchange("GET", "/orders/ord-17", "{'id':'a'}", "{'id':'a','traceId':'t','internalCostCents':1}"),
                exchange("GET", "/products", "{}", "{'traceId':'t'}"));
        Exposures.Result r = Exposures.of(DOC, exchanges, List.of(new AllowedExposure("*", "traceId", "tracing")));
        assertEquals(List.of(new Exposure("GET /orders/{id}", List.of("internalCostCents"))), r.findings());
        assertEquals(List.of(new AllowedExposure("GET /orders/{id}", "traceId", "tracing"),
                new AllowedExposure("GET /products", "traceId", "tracing")), r.allowed());
    }

    /** A document's {@code /todos/} and an interaction's {@code /todos} are one operation, named without the slash. */
    @Test
    void aTrailingSlashIsTheSameOperation() {
        List<ApiOperation> doc = OpenApiDocument.operations(json("""
                {'openapi':'3.0.3','paths':{'/todos/':{'get':{},'post':{}},'/todos/{id}':{'get':{},'put':{},
                 'delete':{}},'/':{'get':{}}}}"""));
        assertEquals(List.of("GET /todos", "POST /todos", "GET /todos/{id}", "PUT /todos/{id}", "DELETE /todos/{id}",
                "GET /"), doc.stream().map(ApiOperation::name).toList());
        Coverage c = Coverage.of(doc, List.of(), List.of(exchange("GET", "/todos", null, null),
                exchange("GET", "/todos?limit=2", null, null), exchange("POST", "/todos", null, null),
                exchange("GET", "/todos/1", null, null), exchange("PUT", "/todos/1/", null, null),
                exchange("DELETE", "/todos/1", null, null), exchange("GET", "/", null, null)));
        assertEquals(6, c.operations());
        assertEquals(6, c.covered(), c.toString());
        assertEquals(2, c.table().get(0).interactions());
        assertTrue(ApiOperations.same("GET /todos/", "GET /todos"));
        assertTrue(PathTemplates.sameOperation("GET /todos/{id}", "get /todos/7/"));
        assertFalse(PathTemplates.matches("/", "/todos"));
    }

    /** Fields of an operation only pending pacts exercise are a finding marked pending (it WARNs, never FAILs). */
    @Test
    void anExposureOnlyPendingPactsSeeIsPending() {
        List<Exchange> exchanges = List.of(
                new Exchange("GET", "/products", json("{'items':[]}"), json("{'items':[],'cost':1}"), true),
                new Exchange("GET", "/orders/ord-1", json("{'id':'a'}"), json("{'id':'a','cost':1}"), true),
                exchange("GET", "/orders/ord-2", "{'id':'a'}", "{'id':'a','cost':1}"));
        Exposures.Result r = Exposures.of(DOC, exchanges, List.of());
        assertEquals(List.of(new Exposure("GET /orders/{id}", List.of("cost"), false),
                new Exposure("GET /products", List.of("cost"), true)), r.findings());
    }

    @Test
    void withoutADocumentRequestsAreGroupedByTheirPath() {
        Exposures.Result r = Exposures.of(List.of(), List.of(exchange("GET", "/x/1", "{}", "{'a':1}")), List.of());
        assertEquals(List.of(new Exposure("GET /x/1", List.of("a"))), r.findings());
    }

    @Test
    void anAllowanceNeedsAReason() {
        assertThrows(IllegalArgumentException.class, () -> new AllowedExposure("GET /products", "items[].name", " "));
    }
}
