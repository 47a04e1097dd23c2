package dev.gauntlet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean": near names are offered, far ones are not. */
class NamesTest {
    @Test
    void offersTheNearestKnownName() {
        List<String> phases = List.of("warmup", "baseline", "spike", "recovery");
        assertEquals(" (did you mean 'spike'?)", Names.didYouMean("spkie", phases));
        assertEquals(" (did you mean 'baseline'?)", Names.didYouMean("basline", phases));
        assertEquals(" (did you mean 'baselineDuration'?)",
                Names.didYouMean("baselineDurtion", List.of("baselineRate", "baselineDuration")));
        assertEquals("", Names.didYouMean("outage", phases));
        assertEquals("none", Names.list(List.of()));
    }
}
