package dev.gauntlet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code --slow-operation "GET /products/{sku}=20ms"}: which requests it slows, and clear mistakes. */
class SlowOperationsTest {
    @Test
    void aRuleMatchesItsOperationOnly() {
        SlowOperations.Rule r = SlowOperations.parse("GET /products/{sku}=20ms");
        assertEquals("GET", r.method());
        assertEquals(Duration.ofMillis(20), r.delay());
        assertTrue(r.path().matcher("/products/SKU-1").matches());
        assertFalse(r.path().matcher("/products").matches());
        assertFalse(r.path().matcher("/products/SKU-1/reviews").matches());
        assertTrue(SlowOperations.parse("DELETE /orders/{id}=5ms").path().matcher("/orders/42").matches());
    }

    @Test
    void aMistakeSaysWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlowOperations.parse("/products=20"));
        assertTrue(e.getMessage().contains("expected METHOD /path=Nms"), e.getMessage());
    }
}
