package dev.gauntlet.maven;

import dev.gauntlet.files.RunFiles;
import dev.gauntlet.gate.Gate;
import dev.gauntlet.preflight.Preflight;
import dev.gauntlet.process.Workspace;
import dev.gauntlet.report.ConsoleReport;
import dev.gauntlet.report.Report;
import dev.gauntlet.slo.Status;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.config.GateSpecs;
import dev.gauntlet.config.ConfigException;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Runs the gauntlet gate in a project's build, the same gate as {@code gauntlet gate}: it starts the environment,
 * verifies the contracts, runs the load, scores the objectives, prints the console table, writes the run folder
 * ({@code target/gauntlet/<run-id>} unless {@code out} says otherwise) and fails the build on FAIL.
 *
 * <p>Relative paths ({@code env}, {@code out}, and the environment file's {@code contracts.folder} and
 * {@code contracts.openapi}) are relative to the project folder, and services run in it. Simulations written by the
 * project are compiled with its test sources and named by simple or full class name; the load worker's class path
 * (and {@code ${classpath}} in service commands) is this plugin's class path plus the project's test class path.
 *
 * <p>How the CLI's exit codes show in the build:
 * <ul>
 *   <li>0 (PASS, INCONCLUSIVE, or WARN without {@code failOnWarn}) — the goal succeeds; WARN and INCONCLUSIVE reasons
 *       are logged as warnings.</li>
 *   <li>1 (FAIL, including a run aborted in a stage after the environment started: {@code aborted in STAGE: cause})
 *       — BUILD FAILURE ({@link MojoFailureException}) with the verdict's reasons, one per line; the run folder holds
 *       the report and the stack trace of an unexpected failure.</li>
 *   <li>2 (configuration) — BUILD ERROR ({@link MojoExecutionException}): one line naming file, field and what was
 *       expected, before anything is started (settings, phases and operations are checked against the
 *       simulation's dry run and the OpenAPI document; a document the API serves right after it is up, before any
 *       contract runs).</li>
 *   <li>3 (environment could not start) — BUILD ERROR with the reason; the service's log tail is in the console
 *       output above it and in {@code services/<name>.log}.</li>
 * </ul>
 */
@Mojo(name = "gate", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = false)
public class GateMojo extends AbstractMojo {
    /** An override's path: dotted field names, optionally indexed ({@code load.plan[1].duration}). */
    private static final Pattern OVERRIDE_START = Pattern.compile(
            "\\s*[A-Za-z_$][\\w$-]*(\\[\\d+])*(\\.[A-Za-z_$][\\w$-]*(\\[\\d+])*)*\\s*=.*", Pattern.DOTALL);

    /** The environment file, relative to the project folder. */
    @Parameter(property = "gauntlet.env", defaultValue = "environments/local.yaml")
    private File env;

    /** The run folder, relative to the project folder; default {@code target/gauntlet/<run-id>}. */
    @Parameter(property = "gauntlet.out")
    private File out;

    /**
     * Overrides of fields of the environment file, as the CLI's {@code --set}: {@code load.settings.rate=40}.
     * From the command line, comma-separated: {@code -Dgauntlet.set=load.enabled=false,contracts.enabled=true}
     * (a piece that does not start with {@code path=} continues the value before it, so {@code a.b=x,y} works).
     */
    @Parameter(property = "gauntlet.set")
    private List<String> set = new ArrayList<>();

    /** Skips the gate. */
    @Parameter(property = "gauntlet.skip", defaultValue = "false")
    private boolean skip;

    /** Fails the build on WARN too (an objective that could not be judged, a load generator that fell behind). */
    @Parameter(property = "gauntlet.failOnWarn", defaultValue = "false")
    private boolean failOnWarn;

    /**
     * Checks everything (settings, phases, operations) and prints the plan without starting anything, as the CLI's
     * {@code gate --dry-run}: the goal succeeds, or fails with the mistake (file, field, what was expected).
     */
    @Parameter(property = "gauntlet.dryRun", defaultValue = "false")
    private boolean dryRun;

    /**
     * Lists every row of the console table, the passed objectives too, as the CLI's {@code gate --verbose}; by
     * default the passed ones are one line with counts.
     */
    @Parameter(property = "gauntlet.verbose", defaultValue = "false")
    private boolean verbose;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    private List<Artifact> pluginArtifacts;

    /** How this mojo runs the gate: {@link Gate#run(GateSpec, Path, PrintStream, Workspace)}; tests pass another. */
    GateRunner runner = Gate::run;

    /** Runs one gate; never throws (every failure is an aborted report). */
    @FunctionalInterface
    interface GateRunner {
        Gate.Outcome run(GateSpec spec, Path runDir, PrintStream console, Workspace workspace);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("gauntlet gate skipped (gauntlet.skip)");
            return;
        }
        System.setProperty("pact_do_not_track", "true");
        Path base = project.getBasedir().toPath().toAbsolutePath();
        GateSpec spec;
        try {
            spec = GateSpecs.load(base.resolve(env.toPath()).normalize(), overrides(set), base);
        } catch (ConfigException e) {
            throw new MojoExecutionException("gauntlet: " + e.getMessage());
        }
        if (dryRun) {
            try {
                Preflight.dryRun(spec, workspace(base), System.out);
            } catch (ConfigException e) {
                throw new MojoExecutionException("gauntlet: " + e.getMessage());
            }
            getLog().info("gauntlet dry run: the environment file is fine; nothing was started");
            return;
        }
        Path runDir = out != null ? base.resolve(out.toPath()).normalize()
                : Path.of(project.getBuild().getDirectory(), "gauntlet",
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
        Gate.Outcome outcome;
        String wasVerbose = System.getProperty(ConsoleReport.VERBOSE);
        System.setProperty(ConsoleReport.VERBOSE, Boolean.toString(verbose));
        try {
            outcome = runner.run(spec, runDir, System.out, workspace(base));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("gauntlet: the gate stopped unexpectedly: " + e, e);
        } finally {
            if (wasVerbose == null) {
                System.clearProperty(ConsoleReport.VERBOSE);
            } else {
                System.setProperty(ConsoleReport.VERBOSE, wasVerbose);
            }
            loadPactShutdownHookClasses();
        }
        Report report = outcome.report();
        judge(outcome.exitCode(), report.verdict(), report.reasons(), runDir, failOnWarn, getLog());
    }

    /**
     * Turns the gate's outcome into the build's (see the class comment): returns on PASS, and on WARN unless
     * {@code failOnWarn}; otherwise throws with the verdict and its reasons, one per line.
     */
    static void judge(int exitCode, Status verdict, List<String> reasons, Path runDir, boolean failOnWarn, Log log)
            throws MojoExecutionException, MojoFailureException {
        String where = " (report: " + runDir.resolve(RunFiles.INDEX_HTML) + ")";
        if (exitCode == Gate.USAGE) { // found by the gate itself, e.g. a simulation name that is not on the class path
            throw new MojoExecutionException("gauntlet: "
                    + String.join("; ", reasons).replaceFirst("^aborted in [\\w-]+: ", ""));
        }
        if (exitCode == Gate.ENVIRONMENT_FAILED) {
            throw new MojoExecutionException("gauntlet: the environment could not start" + where + lines(reasons));
        }
        if (verdict == Status.FAIL || exitCode != Gate.PASSED) {
            throw new MojoFailureException("gauntlet gate " + verdict + where + lines(reasons));
        }
        if (verdict == Status.WARN && failOnWarn) {
            throw new MojoFailureException("gauntlet gate WARN (failOnWarn)" + where + lines(reasons));
        }
        if (verdict == Status.WARN || verdict == Status.INCONCLUSIVE) { // shown, never failing on its own
            reasons.forEach(r -> log.warn("gauntlet: " + r));
        }
        log.info("gauntlet gate " + verdict + where);
    }

    /** Each reason on a line of its own (a reason that spans lines is folded into one). */
    private static String lines(List<String> reasons) {
        StringBuilder lines = new StringBuilder();
        for (String reason : reasons) {
            lines.append(System.lineSeparator()).append("  - ").append(reason.strip().replaceAll("\\s*\\R\\s*", " "));
        }
        return lines.toString();
    }

    /**
     * Pact's plugin driver registers a JVM shutdown hook whose first step loads a class nothing loaded before. In
     * Maven that hook runs after this plugin's class realm is closed, so every build that verified contracts ended
     * with a {@code NoClassDefFoundError: io/pact/plugins/jvm/core/PluginManagerKt} stack trace. Loading the class
     * while the realm is open lets the hook run quietly.
     */
    private static void loadPactShutdownHookClasses() {
        try {
            Class.forName("io.pact.plugins.jvm.core.PluginManagerKt", true, GateMojo.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // no Pact plugin driver on the class path: no hook
        }
    }

    /**
     * {@code path=value} entries; the value may contain '='. Maven splits a {@code -Dgauntlet.set} value at commas,
     * so a piece that does not start with {@code path=} is joined back to the value before it.
     */
    static Map<String, String> overrides(List<String> entries) throws MojoExecutionException {
        List<String> joined = new ArrayList<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            if (OVERRIDE_START.matcher(entry).matches() || joined.isEmpty()) {
                joined.add(entry);
            } else {
                joined.set(joined.size() - 1, joined.get(joined.size() - 1) + "," + entry);
            }
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String entry : joined) {
            if (!OVERRIDE_START.matcher(entry).matches()) {
                throw new MojoExecutionException("gauntlet: set: expected path=value such as load.settings.rate=40 "
                        + "(as the CLI's --set), got '" + entry + "'");
            }
            int eq = entry.indexOf('=');
            overrides.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return overrides;
    }

    /** Child processes run in the project folder; forked JVMs see this plugin and the project's test classes. */
    private Workspace workspace(Path base) throws MojoExecutionException {
        List<Path> classpath = new ArrayList<>();
        for (Artifact a : pluginArtifacts) {
            if (a.getFile() != null) {
                classpath.add(a.getFile().toPath());
            }
        }
        try {
            for (String element : project.getTestClasspathElements()) {
                classpath.add(Path.of(element));
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("gauntlet: cannot resolve the project's test class path: " + e.getMessage(), e);
        }
        return new Workspace(base, Workspace.current().java(), classpath);
    }
}
