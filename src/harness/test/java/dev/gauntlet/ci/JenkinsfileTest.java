package dev.gauntlet.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The project's Jenkinsfile parses as Groovy and has the declarative structure docs/ci.md documents (no Jenkins
 * server here: Groovy's own parser, to the AST, and checks of the sections). Broken copies prove the check can fail.
 */
class JenkinsfileTest {
    /** The project root: the tests run there (surefire workingDirectory). */
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static String jenkinsfile() throws IOException {
        return Files.readString(ROOT.resolve("Jenkinsfile"));
    }

    @Test
    void theJenkinsfileIsAValidDeclarativePipeline() throws IOException {
        JenkinsfileCheck.Result r = JenkinsfileCheck.check(jenkinsfile());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("History", "Build and unit tests", "Contracts", "Gate", "Resilience", "Nightly soak",
                "Release"), r.stages());
        assertEquals(List.of("H 2 * * *"), r.crons(), "the nightly schedule (empty on branches other than main)");
        assertTrue(r.parameters().containsAll(List.of("RELEASE", "NIGHTLY", "DEPLOY_TO", "BROKER_CREDENTIALS")),
                r.parameters().toString());
        assertTrue(r.junitPatterns().stream().anyMatch(p -> p.contains("target/gauntlet/**/junit.xml")),
                "junit collects the junit.xml of every gate run folder: " + r.junitPatterns());
    }

    @Test
    void theJenkinsfileKeepsWhatTheReleaseAndNightlyNeed() throws IOException {
        String text = jenkinsfile();
        assertTrue(text.contains("pact_do_not_track = 'true'"));
        assertTrue(text.contains("buildingTag()"), "a tag build is a release");
        assertTrue(text.contains("triggeredBy 'TimerTrigger'"), "the nightly stage runs on the timer");
        assertTrue(text.contains("--env nightly --set \"history=$HISTORY\""), "the nightly keeps the history");
        assertTrue(text.contains("can-i-deploy --env local"), "the release asks the broker");
        assertTrue(text.indexOf("record-deployment --env local") > text.indexOf("can-i-deploy --env local"),
                "the release tells the broker what now runs where, after can-i-deploy");
    }

    @Test
    void junitCollectsTheReportOfEveryGateTheJenkinsfileRuns() throws IOException {
        String text = jenkinsfile();
        List<String> patterns = new ArrayList<>();
        for (String p : JenkinsfileCheck.check(text).junitPatterns()) {
            for (String one : p.replaceAll("^['\"]|['\"]$", "").split(",\\s*")) {
                patterns.add(one.trim());
            }
        }
        Matcher gate = Pattern.compile("gauntlet\\.jar gate [^'\\n]*--out (\\S+)").matcher(text);
        int gates = 0;
        while (gate.find()) {
            gates++;
            Path junit = Path.of(gate.group(1), "junit.xml");
            assertTrue(patterns.stream().anyMatch(p -> FileSystems.getDefault().getPathMatcher("glob:" + p).matches(junit)),
                    junit + " is collected by one of " + patterns);
        }
        assertEquals(4, gates, "gate, resilience, nightly and release each run the gate into their own folder");
    }

    @Test
    void everyStageTheReadmeDocumentsIsInTheJenkinsfileAndBack() throws IOException {
        String readme = Files.readString(ROOT.resolve("docs/ci.md"));
        int start = readme.indexOf("\n## Jenkins");
        assertTrue(start >= 0, "docs/ci.md has a '## Jenkins' section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(section);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(JenkinsfileCheck.check(jenkinsfile()).stages(), documented,
                "the Jenkins table of docs/ci.md lists the stages in order");
    }

    @Test
    void aMissingBraceIsASyntaxError() throws IOException {
        String text = jenkinsfile();
        int last = text.lastIndexOf("\n}\n\n/**");
        assertTrue(last > 0);
        String broken = text.substring(0, last) + "\n" + text.substring(last + 2);
        List<String> problems = JenkinsfileCheck.check(broken).problems();
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).startsWith("not valid Groovy"), problems.toString());
    }

    @Test
    void anUnknownSectionIsFound() throws IOException {
        List<String> problems = JenkinsfileCheck.check(jenkinsfile().replace("    triggers {", "    trigger {")).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown pipeline section 'trigger'")), problems.toString());
        problems = JenkinsfileCheck.check(jenkinsfile().replace("            steps {\n                // the history",
                "            step {\n                // the history")).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown section 'step' in stage 'History'")),
                problems.toString());
        problems = JenkinsfileCheck.check(jenkinsfile().replace("post {\n        always {", "post {\n        allways {"))
                .problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown post condition 'allways'")), problems.toString());
        problems = JenkinsfileCheck.check(jenkinsfile().replace("buildingTag()", "buildingTags()")).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown when condition 'buildingTags'")),
                problems.toString());
        problems = JenkinsfileCheck.check(jenkinsfile().replace("booleanParam(name: 'RELEASE'", "boolParam(name: 'RELEASE'"))
                .problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown parameter type 'boolParam'")), problems.toString());
    }

    @Test
    void aBrokenCronScheduleIsFound() throws IOException {
        List<String> problems = JenkinsfileCheck.check(jenkinsfile().replace("'H 2 * * *'", "'H 2 * *'")).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("expected 5 fields")), problems.toString());
        problems = JenkinsfileCheck.check(jenkinsfile().replace("'H 2 * * *'", "'H 25 * * *'")).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("hour field '25' is out of range")), problems.toString());
    }

    @Test
    void aFunctionCalledButNotDeclaredIsFound() throws IOException {
        String text = jenkinsfile();
        String broken = text.substring(0, text.indexOf("/** Runs {@code body}"));
        List<String> problems = JenkinsfileCheck.check(broken).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("withBroker")), problems.toString());
    }

    @Test
    void cronFields() {
        assertNull(JenkinsfileCheck.cronProblem("H 2 * * *"));
        assertNull(JenkinsfileCheck.cronProblem("H/15 * * * 1-5"));
        assertNull(JenkinsfileCheck.cronProblem("0 3 1,15 * MON"));
        assertNull(JenkinsfileCheck.cronProblem("H(0-29) 1 * * *"));
        assertNotNull(JenkinsfileCheck.cronProblem("@nightly-ish"));
        assertNotNull(JenkinsfileCheck.cronProblem("61 * * * *"));
        assertNotNull(JenkinsfileCheck.cronProblem("* * * 13 *"));
    }
}
