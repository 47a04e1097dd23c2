package dev.gauntlet.gate;

import dev.gauntlet.config.GateSpec;
import dev.gauntlet.environment.Environment;
import dev.gauntlet.environment.Listeners;
import dev.gauntlet.environment.RunningService;
import dev.gauntlet.process.ChildProcesses;
import dev.gauntlet.process.Leftovers;
import dev.gauntlet.report.Report;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The environment stage: what an earlier gate left behind is swept, the services start, each is listed. */
final class EnvironmentStart {
    private EnvironmentStart() {
    }

    /**
     * Starts the environment of {@code spec}; when it cannot start and the simulation's dry run (going on meanwhile)
     * found a mistake in the file, that mistake is thrown instead.
     */
    static Environment start(GateSpec spec, Path runDir, ChildProcesses processes, PrintStream console,
                             Planning planning) {
        int swept = Leftovers.shared().sweep(line -> console.println("[gate] " + line))
                + Environment.sweepLeftovers(spec.environment(), line -> console.println("[gate] " + line));
        if (swept > 0) {
            console.println("[gate] stopped " + swept + " process(es)/container(s) left behind by an earlier gate");
        }
        console.println("[gate] environment " + spec.environment().name() + ": starting "
                + spec.environment().services().size() + " service(s); run folder " + runDir);
        try {
            return Environment.start(spec.environment(), runDir, processes, line -> console.println("[gate]   " + line));
        } catch (RuntimeException e) {
            planning.mistakeFirst();
            throw e;
        }
    }

    /** Each service with its URL and process, for the console and the report; one listening on every interface warns. */
    static List<Report.Service> listed(Environment environment, PrintStream console) {
        List<Report.Service> services = new ArrayList<>();
        for (RunningService s : environment.services()) {
            console.println("[gate]   " + s.name() + " " + s.url() + (s.pid() > 0 ? " (pid " + s.pid() + ")" : ""));
            List<String> wildcard = s.pid() > 0 ? Listeners.wildcard(s.pid()) : List.of();
            if (!wildcard.isEmpty()) {
                console.println("[gate]   WARN " + s.name() + " listens on " + String.join(", ", wildcard)
                        + " (every interface), not on loopback only");
            }
            services.add(new Report.Service(s.name(), s.url().toString(), s.log().toString(),
                    s == environment.underTest(), s.pid(), wildcard));
        }
        return services;
    }
}
