package dev.gauntlet.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathTemplatesTest {

    @Test
    void aParameterStandsForExactlyOneNonEmptySegment() {
        assertTrue(PathTemplates.matches("/orders/{id}", "/orders/ord-17"));
        assertFalse(PathTemplates.matches("/orders/{id}", "/orders/ord-17/invoice"));
        assertFalse(PathTemplates.matches("/orders/{id}", "/orders/"));
        assertFalse(PathTemplates.matches("/orders/{id}", "/orders"));
        assertTrue(PathTemplates.matches("/orders/{id}/invoice", "/orders/ord-17/invoice"));
        assertFalse(PathTemplates.matches("/orders/{id}/invoice", "/orders/ord-17"));
    }

    @Test
    void literalSegmentsMatchExactlyAndTheQueryIsIgnored() {
        assertTrue(PathTemplates.matches("/products", "/products?page=1&size=2"));
        assertFalse(PathTemplates.matches("/products", "/products/SKU-1"));
        assertFalse(PathTemplates.matches("/orders", "/Orders"));
        assertFalse(PathTemplates.matches("/a.b", "/axb"), "a dot is literal, not a regex");
    }

    @Test
    void aParameterMayShareASegmentWithLiterals() {
        assertTrue(PathTemplates.matches("/files/{name}.json", "/files/report.json"));
        assertFalse(PathTemplates.matches("/files/{name}.json", "/files/report.xml"));
    }

    @Test
    void theLeastParameterisedTemplateWins() {
        List<ApiOperation> ops = List.of(new ApiOperation("get", "/orders/{id}", List.of()),
                new ApiOperation("get", "/orders/mine", List.of()), new ApiOperation("delete", "/orders/{id}", List.of()));
        assertEquals("GET /orders/mine", ApiOperation.of(ops, "GET", "/orders/mine").orElseThrow().name());
        assertEquals("GET /orders/{id}", ApiOperation.of(ops, "GET", "/orders/ord-1").orElseThrow().name());
        assertEquals("DELETE /orders/{id}", ApiOperation.of(ops, "DELETE", "/orders/ord-1").orElseThrow().name());
        assertTrue(ApiOperation.of(ops, "POST", "/orders/ord-1").isEmpty());
    }

    @Test
    void operationNamesAgreeWhateverTheParametersAreCalled() {
        assertEquals(PathTemplates.key("GET /orders/{id}"), PathTemplates.key("get /orders/{orderId}"));
        assertTrue(PathTemplates.sameOperation("GET /orders/{id}", "GET /orders/{orderId}"));
        assertTrue(PathTemplates.sameOperation("GET /orders/{id}", "GET /orders/ord-1"), "a concrete path counts");
        assertFalse(PathTemplates.sameOperation("GET /orders/{id}", "POST /orders/{id}"));
        assertFalse(PathTemplates.sameOperation("GET /orders/{id}", "GET /orders/{id}/invoice"));
        assertTrue(PathTemplates.isOperation("GET /orders/{id}"));
        assertFalse(PathTemplates.isOperation("/orders/{id}"));
    }
}
