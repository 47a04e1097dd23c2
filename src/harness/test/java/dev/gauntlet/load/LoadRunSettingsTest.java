package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are declared by reading them; a dry run collects them and never fails on a bad value. */
class LoadRunSettingsTest {
    private static LoadRun run(Map<String, String> settings, boolean declaring) {
        return new LoadRun("http://127.0.0.1:1", settings, new LoadRecorder(Path.of("unused.hlog"), System.out,
                System::currentTimeMillis), Path.of("unused"), null, new ResponseTap(Path.of("unused"), false, 0, 0, 0, 0),
                declaring);
    }

    @Test
    void readingASettingDeclaresItWithTypeDefaultAndMeaning() {
        LoadRun run = run(Map.of("warmup", "2s", "rate", "40/s"), false);
        assertEquals(Duration.ofSeconds(2), run.duration("warmup", Duration.ofSeconds(20), "the warm-up"));
        assertEquals(40, run.rate("rate", 30, "visits/s"));
        assertEquals(50, run.number("skus", 50, "catalogue size"));
        assertEquals(List.of("a", "b"), run.list("keys", "a,b", "API keys"));
        assertEquals(40, run.rate("rate", 30)); // read again without meaning: the first declaration stays
        assertEquals(List.of(
                new Setting("warmup", Setting.Type.DURATION, "20s", "the warm-up"),
                new Setting("rate", Setting.Type.RATE, "30/s", "visits/s"),
                new Setting("skus", Setting.Type.NUMBER, "50", "catalogue size"),
                new Setting("keys", Setting.Type.LIST, "a,b", "API keys")), run.declaredSettings());
    }

    @Test
    void aBadValueFailsARunNamingTheSettingButNotADryRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(Map.of("warmup", "20"), false).duration("warmup", Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("load.settings.warmup: expected a duration"), e.getMessage());
        LoadRun dry = run(Map.of("warmup", "20"), true);
        assertEquals(Duration.ofSeconds(5), dry.duration("warmup", Duration.ofSeconds(5)));
        assertEquals(1, dry.declaredSettings().size());
    }

    @Test
    void typesCheckTheirSyntax() {
        Setting.Type.RATE.check("30/s");
        Setting.Type.DURATION.check("1.5s");
        Setting.Type.NUMBER.check("6");
        Setting.Type.TEXT.check("anything");
        assertThrows(IllegalArgumentException.class, () -> Setting.Type.NUMBER.check("six"));
        assertThrows(IllegalArgumentException.class, () -> Setting.Type.DURATION.check("6"));
        assertThrows(IllegalArgumentException.class, () -> Setting.Type.RATE.check("6x"));
    }
}
