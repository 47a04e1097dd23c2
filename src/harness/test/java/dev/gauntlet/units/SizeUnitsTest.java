package dev.gauntlet.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sizes ({@code 512MB}) and growth rates of sizes ({@code 20MB/h}). */
class SizeUnitsTest {

    @Test
    void readsSizesInBinaryUnits() {
        assertEquals(512.0 * 1024 * 1024, Units.bytes("512MB"));
        assertEquals(512.0 * 1024 * 1024, Units.bytes("512 MiB"));
        assertEquals(1.5 * 1024 * 1024 * 1024, Units.bytes("1.5GB"));
        assertEquals(800 * 1024.0, Units.bytes("800KB"));
        assertEquals(100, Units.bytes("100B"));
    }

    @Test
    void readsGrowthRatesPerHour() {
        assertEquals(20.0 * 1024 * 1024, Units.bytesPerHour("20MB/h"));
        assertEquals(60.0 * 1024 * 1024, Units.bytesPerHour("1MB/m"));
        assertEquals(4.0 * 1024 * 3600, Units.bytesPerHour("4 KB / s"));
    }

    @Test
    void mistakesSayWhatWasExpected() {
        IllegalArgumentException noUnit = assertThrows(IllegalArgumentException.class, () -> Units.bytes("512"));
        assertTrue(noUnit.getMessage().contains("512MB") && noUnit.getMessage().contains("unit is required"),
                noUnit.getMessage());
        IllegalArgumentException noPer = assertThrows(IllegalArgumentException.class, () -> Units.bytesPerHour("20MB"));
        assertTrue(noPer.getMessage().contains("20MB/h") && noPer.getMessage().contains("'20MB'"), noPer.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.bytes("20mb"));
        assertThrows(IllegalArgumentException.class, () -> Units.bytesPerHour("20MB/d"));
    }
}
