package dev.gauntlet.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class GateMojoTest {
    @Test
    void overridesArePathEqualsValue() throws MojoExecutionException {
        assertEquals(Map.of("load.enabled", "false", "load.settings.query", "a=b"),
                GateMojo.overrides(List.of("load.enabled=false", " load.settings.query = a=b ")));
    }

    @Test
    void piecesOfAValueThatMavenSplitAtCommasAreJoinedBack() throws MojoExecutionException {
        // -Dgauntlet.set=load.settings.apiKeys=key-a,key-b,load.plan[1].duration=60s
        assertEquals(Map.of("load.settings.apiKeys", "key-a,key-b", "load.plan[1].duration", "60s"),
                GateMojo.overrides(List.of("load.settings.apiKeys=key-a", "key-b", "load.plan[1].duration=60s")));
    }

    @Test
    void blankEntriesAreIgnored() throws MojoExecutionException {
        assertEquals(Map.of(), GateMojo.overrides(Arrays.asList(null, " ")));
    }

    @Test
    void anEntryWithoutPathIsRefusedWithTheCliForm() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> GateMojo.overrides(List.of("=60s")));
        assertEquals("gauntlet: set: expected path=value such as load.settings.rate=40 (as the CLI's --set), got '=60s'",
                e.getMessage());
    }
}
