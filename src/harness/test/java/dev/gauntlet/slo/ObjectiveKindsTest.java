package dev.gauntlet.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every record of the sealed {@link Objective} is one {@link Objective.Kind}, and the other way round. */
class ObjectiveKindsTest {
    private static final Objective.Scope BASELINE = new Objective.Scope("baseline", null);

    /** One objective of each record (of those there were when this was written). */
    static final List<Objective> ONE_OF_EACH = List.of(
            new Objective.Latency("l", BASELINE, 95, Duration.ofMillis(250)),
            new Objective.ErrorRate("e", BASELINE, 0.01),
            new Objective.ErrorBudget("b", BASELINE, 0.995, 2),
            new Objective.RateLimit("r", new Objective.Scope("spike", null), 99, Duration.ofMillis(300)),
            new Objective.Throughput("t", BASELINE, 0.95),
            new Objective.Recovery("rc", Objective.Scope.all(), Duration.ofSeconds(10), 99, Duration.ofMillis(500), 0.01),
            new Objective.Resource("m", new Objective.Scope("soak", null), "api", Objective.Resource.Metric.MAX_MEMORY,
                    512.0 * 1024 * 1024, 0, null, 0),
            new Objective.Security("security BOLA"),
            new Objective.Durability("no acknowledged write lost"),
            new Objective.Conformance("contracts hold", 0),
            new Objective.Regression("p95 regression", 95, 0.2, 0.01));

    /** {@code ErrorRate} → {@code ERROR_RATE}. */
    private static String constantOf(Class<?> record) {
        return record.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void eachRecordHasTheKindOfItsName() {
        Set<String> records = Arrays.stream(Objective.class.getPermittedSubclasses()).map(ObjectiveKindsTest::constantOf)
                .collect(Collectors.toSet());
        assertEquals(records, EnumSet.allOf(Objective.Kind.class).stream().map(Enum::name).collect(Collectors.toSet()),
                "one kind per record, named after it");
        for (Objective o : ONE_OF_EACH) {
            assertEquals(constantOf(o.getClass()), o.kind().name(), o.getClass().getSimpleName() + " is its own kind");
        }
        assertEquals(ONE_OF_EACH.size(), ONE_OF_EACH.stream().map(Objective::kind).distinct().count(),
                "no two records share a kind");
    }

    @Test
    void theDryRunShowsEachObjectiveWithItsComparatorAsWritten() {
        for (Objective o : ONE_OF_EACH) {
            assertTrue(o.describe().contains(o.comparison().symbol() + " "), o.kind() + ": " + o.describe());
        }
        assertEquals("p95 < 250ms", ONE_OF_EACH.get(0).describe());
        assertEquals("throughput > 95%", new Objective.Throughput("t", BASELINE, 0.95, Comparison.ABOVE).describe());
        assertEquals("failed probes < 1", ONE_OF_EACH.get(7).describe());
    }

    @Test
    void aThroughputIsAFloor() {
        assertThrows(IllegalArgumentException.class, () -> new Objective.Throughput("t", BASELINE, 0.95, Comparison.BELOW));
    }

    @Test
    void comparatorsAreReadAsWrittenAndHoldAsWritten() {
        assertEquals(Comparison.AT_LEAST, Comparison.of(">="));
        assertEquals(Comparison.ABOVE, Comparison.of(" > "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Comparison.of("=<"));
        assertEquals("expected a comparator <, <=, >= or >, got '=<'", e.getMessage());
        assertTrue(Comparison.AT_LEAST.holds(95, 95) && !Comparison.ABOVE.holds(95, 95));
        assertTrue(Comparison.AT_MOST.holds(0, 0) && !Comparison.BELOW.holds(1, 1));
    }
}
