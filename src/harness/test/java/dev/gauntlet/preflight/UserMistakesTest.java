package dev.gauntlet.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.cli.Gauntlet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes a new user makes, each tried through the CLI ({@code gauntlet gate --dry-run}) on a project that is
 * right apart from that one mistake: each must be exit 2 with one message naming the file, the field and what was
 * expected, no stack trace, and nothing started.
 */
class UserMistakesTest {
    /** Each mistake with the message it got, written to {@code target/user-mistakes.md} for the release notes. */
    private static final List<String> TABLE = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterAll
    static void writeTable() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/user-mistakes.md"), "| mistake | exit | message |\n|---|---|---|\n"
                + String.join("\n", TABLE) + "\n");
    }

    /**
     * One mistake.
     *
     * @param name   what the user did
     * @param edit   how the correct environment file is changed
     * @param args   extra CLI arguments
     * @param expect fragments the message must hold (the field, what was expected, the valid names)
     */
    record Mistake(String name, UnaryOperator<String> edit, List<String> args, List<String> expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Mistake m(String name, String from, String to, String... expect) {
        return new Mistake(name, env -> {
            if (!env.contains(from)) {
                throw new IllegalStateException("the correct file has no '" + from + "'");
            }
            return env.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        }, List.of(), List.of(expect));
    }

    private static Mistake set(String name, List<String> args, String... expect) {
        return new Mistake(name, env -> env, args, List.of(expect));
    }

    static Stream<Mistake> mistakes() {
        return Stream.of(
                m("YAML syntax: an unclosed bracket", "dependsOn: [db]", "dependsOn: [db", "not valid YAML", "line"),
                m("YAML: a tab for indentation", "  db:\n", "  db:\n\t", "not valid YAML"),
                m("misspelt top-level key", "objectives:", "objectivs:", "objectivs: unknown field", "objectives"),
                m("misspelt service field", "health: /health\n    startTimeout", "helth: /health\n    startTimeout",
                        "services.db.helth: unknown field", "health"),
                m("misspelt load setting", "baselineDuration: 2s", "baselineDurtion: 2s",
                        "load.settings.baselineDurtion", "did you mean 'baselineDuration'", "warmupRate"),
                m("a setting's duration in words", "warmup: 1s", "warmup: 1 sec", "load.settings.warmup",
                        "expected a duration such as 250ms"),
                m("a duration without unit", "warmup: 1s", "warmup: 1", "load.settings.warmup", "a unit is required"),
                m("a rate that is not a number", "baselineRate: 5/s", "baselineRate: fast", "load.settings.baselineRate",
                        "expected a rate in visits per second"),
                m("a number setting that is not one", "baselineRate: 5/s", "baselineRate: 5/s\n    spikeFactor: lots",
                        "load.settings.spikeFactor", "expected a number"),
                m("misspelt phase in an objective", "{phase: baseline, latency", "{phase: basline, latency",
                        "objectives[0].phase", "did you mean 'baseline'", "warmup, baseline, spike"),
                m("misspelt phase in a fault", "phase: spike, at", "phase: spkie, at", "faults[0].phase",
                        "did you mean 'spike'"),
                m("misspelt operation in an objective", "operation: \"GET /items/{id}\", errors",
                        "operation: \"GET /item/{id}\", errors", "objectives[1].operation", "no operation 'GET /item/{id}'",
                        "did you mean 'GET /items/{id}'"),
                m("objective operation the simulation never sends", "operation: \"GET /items/{id}\", errors",
                        "operation: \"GET /items/{itemId}\", errors", "objectives[1].operation",
                        "the requests of dev.gauntlet.preflight.ItemsSimulation", "did you mean 'GET /items/{id}'"),
                m("allowExposure for an operation that does not exist", "{operation: \"GET /items/{id}\", field",
                        "{operation: \"GET /itemz/{id}\", field", "contracts.allowExposure[0].operation",
                        "GET /items, POST /items, GET /items/{id}"),
                m("coverageIgnore for an operation that does not exist", "[\"POST /items\"]", "[\"PUT /items\"]",
                        "contracts.coverageIgnore[0]", "no operation 'PUT /items'"),
                m("operation without method", "operation: \"GET /items/{id}\", errors",
                        "operation: \"/items/{id}\", errors", "objectives[1].operation", "no operation '/items/{id}'"),
                m("misspelt service in a fault", "service: db, kind", "service: dbb, kind", "faults[0]",
                        "no service named 'dbb'", "db, items-api"),
                m("misspelt fault kind", "kind: pause", "kind: paus", "faults[0]", "expected one of stop, pause"),
                m("fault duration without unit", "at: 1s, duration: 1s", "at: 1s, duration: 1", "faults[0].duration",
                        "a unit is required"),
                m("percentile over 100", "latency: p95 < 250ms", "latency: p150 < 250ms", "objectives[0]",
                        "percentile must be between 0 and 100"),
                m("latency threshold without unit", "latency: p95 < 250ms", "latency: p95 < 250", "objectives[0]",
                        "expected 'pNN < DURATION'"),
                m("errors threshold without '<'", "errors: < 1%", "errors: 1%", "objectives[1]", "expected '< RATIO'"),
                m("error budget of 150%", "errorBudget: 99.5%", "errorBudget: 150%", "objectives[3]",
                        "between 0% and 100%"),
                m("two kinds in one objective", "{errorBudget: 99.5%, maxBurnRate: 1}",
                        "{errorBudget: 99.5%, errors: < 1%}", "objectives[3]", "expected exactly one of"),
                m("missing contracts folder", "folder: DIR/contracts", "folder: DIR/contract", "contracts.folder",
                        "no folder"),
                m("provider name that no pact uses", "  items-api:\n", "  items:\n", "contracts.folder",
                        "no pact for provider 'items'", "items-api"),
                m("OpenAPI file that is not there", "openapi: REL/openapi.yaml", "openapi: REL/openapi.yml",
                        "contracts", "no such file"),
                m("dependsOn a service that does not exist", "dependsOn: [db]", "dependsOn: [dbx]",
                        "no service named 'dbx'"),
                m("no service under test", "underTest: true", "underTest: false", "services",
                        "exactly one service must have 'underTest: true'"),
                m("unknown simulation", "ItemsSimulation", "ItemSimulation", "load.simulation", "no class"),
                m("load timeout without unit", "timeout: 2m", "timeout: 2", "load.timeout", "a unit is required"),
                m("extends itself", "name: shop", "extends: env.yaml\nname: shop", "extends", "extends itself"),
                m("extends a file that is not there", "name: shop", "extends: base.yaml\nname: shop", "extends",
                        "no such file"),
                set("--set a misspelt path", List.of("--set", "load.setings.warmup=2s"), "load.setings",
                        "unknown field"),
                set("public operation that does not exist", List.of("--set",
                        "security.publicOperations=[\"GET /items\", \"GET /nothing\"]"), "security.publicOperations[1]",
                        "no operation 'GET /nothing'", "GET /items, POST /items, GET /items/{id}"),
                set("--set an item past the end of a list", List.of("--set", "objectives[9].phase=spike"),
                        "objectives[9].phase", "the list has 4 item(s)"),
                set("--set a plan phase with a bad rate", List.of("--set",
                        "load.plan=[{phase: baseline, rate: fast, duration: 2s}]"), "load.plan[0].rate",
                        "expected visits per second"),
                set("--set a plan that starts with a multiple", List.of("--set",
                        "load.plan=[{phase: baseline, rate: 6x, duration: 2s}]"), "load.plan[0].rate",
                        "this is the first phase"),
                set("settings with traffic from contracts", List.of("--set", "load.simulation=null", "--set",
                        "load.from=contracts", "--set", "load.plan=[{phase: baseline, rate: 5/s, duration: 2s}]",
                        "--set", "objectives=[]", "--set", "faults=[]"), "load.settings.baselineDuration",
                        "reads no settings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsExitTwoNamingFileAndFieldBeforeAnythingStarts(Mistake mistake) throws IOException {
        Path env = UserMistakes.project(dir, mistake.edit().apply(UserMistakes.ENV));
        List<String> args = new ArrayList<>(List.of("gate", "--dry-run", "--env", env.toString()));
        args.addAll(mistake.args());
        Run run = cli(args);
        row(mistake.name(), run);
        assertEquals(2, run.exit, run.output);
        assertTrue(run.output.contains(env.toString()) || run.output.contains(dir.resolve("base.yaml").toString()),
                "names the file: " + run.output);
        for (String fragment : mistake.expect()) {
            assertTrue(run.output.contains(fragment), "'" + fragment + "' in: " + run.output);
        }
        assertFalse(run.output.contains("\tat ") || run.output.contains("Exception"), "no stack trace: " + run.output);
        assertFalse(run.output.contains("DRY RUN"), "no plan printed: " + run.output);
        assertFalse(UserMistakes.anythingStarted(dir), "nothing started");
    }

    @Test
    void anUnknownEnvironmentFileListsTheOnesThere() throws IOException {
        Path env = UserMistakes.project(dir, UserMistakes.ENV);
        Run run = cli(List.of("gate", "--dry-run", "--env", dir.resolve("evn.yaml").toString()));
        row("unknown environment file", run);
        assertEquals(2, run.exit, run.output);
        assertTrue(run.output.contains("evn.yaml: file not found") && run.output.contains("did you mean 'env.yaml'"),
                run.output);
        assertTrue(Files.exists(env));
    }

    @Test
    void aMisspeltFlagIsExitTwoNamingIt() {
        Run run = cli(List.of("gate", "--dryrun"));
        row("misspelt CLI flag", run);
        assertEquals(2, run.exit, run.output);
        assertTrue(run.output.contains("--dryrun"), run.output);
        assertFalse(run.output.contains("\tat "), run.output);
    }

    @Test
    void aBrokenPactIsExitTwoNamingThePactFile() throws IOException {
        Path env = UserMistakes.project(dir, UserMistakes.ENV);
        Files.writeString(dir.resolve("contracts/broken.json"), "{\"consumer\": {\"name\": \"x\"},");
        Run run = cli(List.of("gate", "--dry-run", "--env", env.toString()));
        row("broken pact JSON", run);
        assertEquals(2, run.exit, run.output);
        assertTrue(run.output.contains("contracts.folder") && run.output.contains("broken.json is not valid JSON"),
                run.output);
    }

    @Test
    void aJsonFileThatIsNoPactIsExitTwo() throws IOException {
        Path env = UserMistakes.project(dir, UserMistakes.ENV);
        Files.writeString(dir.resolve("contracts/notes.json"), "{\"todo\": []}");
        Run run = cli(List.of("gate", "--dry-run", "--env", env.toString()));
        row("a JSON file in contracts/ that is not a pact", run);
        assertEquals(2, run.exit, run.output);
        assertTrue(run.output.contains("notes.json is not a Pact file"), run.output);
    }

    @Test
    void theCorrectFileIsExitZeroAndPrintsThePlan() throws IOException {
        Path env = UserMistakes.project(dir, UserMistakes.ENV);
        Run run = cli(List.of("gate", "--dry-run", "--env", env.toString()));
        assertEquals(0, run.exit, run.output);
        for (String line : List.of("DRY RUN", "dev.gauntlet.preflight.ItemsSimulation", "warmup", "1s",
                "baseline       yes     5/s", "spike          yes     15/s", "db         pause      4s - 5s",
                "openapi.yaml (3 operations)", "GET /items, GET /items/{id}",
                "baseline p95 latency: p95 < 250ms")) {
            assertTrue(run.output.contains(line), "'" + line + "' in:\n" + run.output);
        }
        assertFalse(UserMistakes.anythingStarted(dir), "nothing started");
    }

    @Test
    void settingsListsWhatASimulationReads() {
        Run run = cli(List.of("settings", ItemsSimulation.class.getName()));
        assertEquals(0, run.exit, run.output);
        for (String line : List.of("baselineDuration", "duration", "4s", "how long the baseline lasts", "spikeFactor",
                "number", "item", "text", "spike          30/s")) {
            assertTrue(run.output.contains(line), "'" + line + "' in:\n" + run.output);
        }
        Run unknown = cli(List.of("settings", "NoSuchSimulation"));
        row("gauntlet settings with an unknown simulation", unknown);
        assertEquals(2, unknown.exit, unknown.output);
        assertTrue(unknown.output.contains("no class NoSuchSimulation"), unknown.output);
    }

    private record Run(int exit, String output) {
    }

    private void row(String mistake, Run run) {
        String text = run.output.strip().replace(dir.toString(), "DIR")
                .replace(Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath()).toString(), "DIR");
        TABLE.add("| " + mistake + " | " + run.exit + " | `" + text.lines().findFirst().orElse("") + "` |");
    }

    /** Runs the CLI in this JVM with its output captured. */
    static Run cli(List<String> args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        int exit;
        try {
            exit = Gauntlet.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Run(exit, captured.toString(StandardCharsets.UTF_8));
    }
}
