package dev.gauntlet.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one duration and rate syntax. */
class UnitsTest {
    @Test
    void durationsTakeANumberAndAUnit() {
        assertEquals(Duration.ofMillis(250), Units.duration("250ms"));
        assertEquals(Duration.ofMillis(1500), Units.duration("1.5s"));
        assertEquals(Duration.ofSeconds(30), Units.duration(" 30 s "));
        assertEquals(Duration.ofMinutes(5), Units.duration("5m"));
        assertEquals(Duration.ofHours(1), Units.duration("1h"));
    }

    @Test
    void aDurationWithoutUnitOrInWordsSaysWhatWasExpected() {
        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class, () -> Units.duration("30"));
        assertTrue(bare.getMessage().contains("got '30' (a unit is required)"), bare.getMessage());
        IllegalArgumentException words = assertThrows(IllegalArgumentException.class, () -> Units.duration("30 seconds"));
        assertTrue(words.getMessage().startsWith("expected a duration such as 250ms, 30s or 5m"), words.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.duration("-5s"));
        assertThrows(IllegalArgumentException.class, () -> Units.duration(""));
    }

    @Test
    void ratesArePerSecondOrPerMinute() {
        assertEquals(30, Units.rate("30"));
        assertEquals(30, Units.rate("30/s"));
        assertEquals(2.5, Units.rate("2.5 / s"));
        assertEquals(2, Units.rate("120/m"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.rate("fast"));
        assertTrue(e.getMessage().contains("expected a rate in visits per second such as 30/s"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.rate("6x"));
    }

    @Test
    void formatsReadBack() {
        for (String d : new String[] {"250ms", "1.5s", "30s", "5m", "1h"}) {
            assertEquals(Units.duration(d), Units.duration(Units.format(Units.duration(d))), d);
        }
        assertEquals("30/s", Units.formatRate(30));
        assertEquals("2.5/s", Units.formatRate(2.5));
        assertEquals(0.01, Units.ratio("1%"), 1e-12);
        assertEquals(0.01, Units.ratio("0.01"), 1e-12);
    }

    @Test
    void numbersAndPercentagesReadAsWritten() {
        assertEquals("95", Units.formatNumber(95));
        assertEquals("99.5", Units.formatNumber(99.5));
        assertEquals("99.5%", Units.formatPercent(0.995));
        assertEquals("1%", Units.formatPercent(0.01));
    }
}
