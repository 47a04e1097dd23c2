package dev.gauntlet.maven;

import dev.gauntlet.gate.Gate;
import dev.gauntlet.process.Workspace;
import dev.gauntlet.report.Report;
import dev.gauntlet.slo.Status;
import dev.gauntlet.spec.GateSpec;
import dev.gauntlet.spec.GateSpecs;
import dev.gauntlet.spec.SpecException;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Runs the gauntlet gate in a project's build, the same gate as {@code gauntlet gate}: it starts the environment,
 * verifies the contracts, runs the load, scores the objectives, prints the console table, writes the run folder and
 * fails the build with the verdict's reasons on FAIL.
 *
 * <p>Simulations written by the project are compiled with its test sources and found by simple or full class
 * name; the load worker's class path is this plugin's class path plus the project's test class path.
 */
@Mojo(name = "gate", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = false)
public class GateMojo extends AbstractMojo {
    /** The environment file, relative to the project folder. */
    @Parameter(property = "gauntlet.env", defaultValue = "environments/local.yaml")
    private File env;

    /** The run folder; default {@code target/gauntlet/<run-id>}. */
    @Parameter(property = "gauntlet.out")
    private File out;

    /**
     * Overrides of fields of the environment file, as the CLI's {@code --set}: {@code load.plan[1].duration=60s}.
     * From the command line: {@code -Dgauntlet.set=load.enabled=false,contracts.enabled=true}.
     */
    @Parameter(property = "gauntlet.set")
    private List<String> set = new ArrayList<>();

    /** Skips the gate. */
    @Parameter(property = "gauntlet.skip", defaultValue = "false")
    private boolean skip;

    /** Fails the build on WARN too (an objective that could not be judged, a load generator that fell behind). */
    @Parameter(property = "gauntlet.failOnWarn", defaultValue = "false")
    private boolean failOnWarn;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    private List<Artifact> pluginArtifacts;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("gauntlet gate skipped (gauntlet.skip)");
            return;
        }
        System.setProperty("pact_do_not_track", "true");
        Path base = project.getBasedir().toPath();
        Path file = base.resolve(env.toPath());
        Map<String, String> overrides = overrides(set);
        GateSpec spec;
        try {
            spec = GateSpecs.load(file, overrides, base);
        } catch (SpecException e) {
            throw new MojoFailureException("gauntlet: " + e.getMessage());
        }
        Path runDir = out != null ? base.resolve(out.toPath())
                : Path.of(project.getBuild().getDirectory(), "gauntlet",
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Gate.Outcome outcome = Gate.run(spec, runDir.toAbsolutePath(), System.out, workspace(base));
        Report report = outcome.report();
        if (outcome.exitCode() == Gate.USAGE) {
            throw new MojoFailureException("gauntlet: " + String.join("; ", report.reasons()));
        }
        if (report.verdict() == Status.FAIL || outcome.exitCode() != Gate.PASSED
                || (failOnWarn && report.verdict() == Status.WARN)) {
            StringBuilder message = new StringBuilder("gauntlet gate " + report.verdict() + " (report: "
                    + runDir.resolve("index.html") + ")");
            report.reasons().forEach(r -> message.append(System.lineSeparator()).append("  - ").append(r));
            throw new MojoFailureException(message.toString());
        }
    }

    /** {@code path=value} entries; the value may contain '='. */
    static Map<String, String> overrides(List<String> entries) throws MojoFailureException {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new MojoFailureException("gauntlet: set: expected path=value (as the CLI's --set), got '"
                        + entry + "'");
            }
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
            throw new MojoExecutionException("cannot resolve the project's test class path", e);
        }
        return new Workspace(base, Workspace.current().java(), classpath);
    }
}
