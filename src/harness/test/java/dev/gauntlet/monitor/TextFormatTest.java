package dev.gauntlet.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Prometheus' text exposition format, read as a scraper reads it. */
class TextFormatTest {
    private static final String TEXT = """
            # HELP payments_errors_total Failed calls.
            # TYPE payments_errors_total counter
            payments_errors_total{cause="timeout",dependency="payments"} 3
            payments_errors_total{cause="refused",dependency="payments"} 4 1712345678000
            payments_errors_total_created 1.7e9
            http_requests_total{code="502",path="/a\\"b"} 2.5e1
            up 1
            weird{le="+Inf"} +Inf
            """;

    private static Double value(String selector) {
        return TextFormat.value(TEXT, TextFormat.Selector.parse(selector));
    }

    @Test
    void aNameSumsEverySeriesOfThatName() {
        assertEquals(7.0, value("payments_errors_total"));
        assertEquals(1.0, value("up"));
    }

    @Test
    void labelsPickSeries() {
        assertEquals(4.0, value("payments_errors_total{cause=\"refused\"}"));
        assertEquals(25.0, value("http_requests_total{code=\"502\"}"));
        assertEquals(25.0, value("http_requests_total{path=\"/a\\\"b\"}"), "escaped quotes in label values");
        assertNull(value("payments_errors_total{cause=\"dns\"}"));
        assertEquals(Double.POSITIVE_INFINITY, value("weird"));
    }

    @Test
    void anAbsentSeriesHasNoValue() {
        assertNull(value("orders_total"));
        assertNull(TextFormat.value("", TextFormat.Selector.parse("up")));
    }

    @Test
    void aSelectorMustBeASeries() {
        assertThrows(IllegalArgumentException.class, () -> TextFormat.Selector.parse("not a series"));
    }
}
