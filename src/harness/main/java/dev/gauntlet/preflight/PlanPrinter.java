package dev.gauntlet.preflight;

import dev.gauntlet.fault.FaultSpec;
import dev.gauntlet.load.LoadPlan;
import dev.gauntlet.load.Phase;
import dev.gauntlet.load.Span;
import dev.gauntlet.load.Setting;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.config.GateSpec;
import dev.gauntlet.units.Units;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints what a gate would do ({@code gauntlet gate --dry-run}): services, contracts, the load plan's phases with
 * rates, durations and start times, the settings, the faults on the load clock and the objectives.
 */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    /** Prints {@code plan} of {@code spec} to {@code out}. */
    public static void print(GateSpec spec, Preflight.Plan plan, PrintStream out) {
        out.println("DRY RUN     " + spec.file() + ": checked, nothing started");
        out.println("SERVICES    " + String.join(", ", spec.environment().services().stream()
                .map(s -> s.name() + (s.url() == null ? "" : " at " + s.url()) + (s.underTest() ? " (under test)" : "")
                        + (s.balancer() == null ? "" : " (HAProxy " + s.balancer().program() + " over "
                        + String.join(", ", s.balancer().replicas()) + ")"))
                .toList()) + "  [" + spec.environment().kind() + "]");
        reach(spec, plan.plan(), out);
        if (spec.contracts().enabled()) {
            out.println("CONTRACTS   " + spec.contracts().folder() + (spec.contracts().openapi() == null ? ""
                    : "; OpenAPI " + spec.contracts().openapi() + (plan.document() == null
                    ? " (read and checked once the API is up)" : " (" + plan.document().size() + " operations)")));
        } else {
            out.println("CONTRACTS   off");
        }
        if (plan.plan() == null) {
            out.println("LOAD        off");
        } else {
            load(spec, plan, out);
        }
        faults(spec.faults(), plan.plan(), out);
        objectives(spec.objectives(), out);
        if (spec.prometheus().enabled()) {
            out.println("PROMETHEUS  " + spec.prometheus().describe());
        }
        plan.notes().forEach(n -> out.println("NOTE        " + n));
    }

    /** The hosts the gate may reach, and on a shared environment what will and will not run there. */
    private static void reach(GateSpec spec, dev.gauntlet.load.LoadPlan plan, PrintStream out) {
        var env = spec.environment();
        var reach = env.reach();
        out.println("REACH       loopback" + (reach.targets().isEmpty() ? " only" : " and targets "
                + String.join(", ", reach.targets())) + "; any other host is refused before a packet leaves");
        if (spec.load().enabled() && (spec.load().injectors().many() || spec.load().injectors().onKubernetes())) {
            out.println("INJECTORS   " + spec.load().injectors().count() + " on " + spec.load().injectors().on()
                    + ", each offering 1/" + spec.load().injectors().count() + " of every phase's rate after a start "
                    + "barrier; an injector below its share by more than "
                    + Math.round(spec.load().injectors().tolerance() * 100) + " % makes the phase INCONCLUSIVE");
        }
        if (spec.load().enabled() && spec.load().injectors().onKubernetes()) {
            out.println("KUBERNETES  " + dev.gauntlet.load.KubernetesManifests.describe(spec.load(), plan));
        }
        if (!env.shared()) {
            return;
        }
        List<String> will = new java.util.ArrayList<>(List.of("health polled at each URL (nothing is started)"));
        List<String> wont = new java.util.ArrayList<>(List.of("memory and CPU of the services (not visible)"));
        if (spec.contracts().enabled()) {
            will.add("contracts");
        }
        boolean writes = reach.allowWriteProbes();
        if (spec.security().enabled()) {
            will.add("security probes " + String.join(", ", spec.security().kinds().stream().map(k -> k.field())
                    .sorted().toList()));
        }
        if (!writes) {
            wont.add("security probes that write (bola, massAssignment)" + (reach.production()
                    ? ": refused on production" : ": opt in with allow: {writeProbes: true}"));
        }
        if (spec.load().enabled()) {
            will.add("load and objectives");
        }
        if (spec.faults().isEmpty()) {
            wont.add("faults" + (reach.production() ? ": refused on production"
                    : reach.allowFaults() ? " (none in the file)" : ": opt in with allow: {faults: true}"));
        } else {
            will.add("faults (allow: {faults: true})");
        }
        out.println("SHARED      kind " + env.kind() + (reach.production() ? ", production" : "") + "; will run: "
                + String.join("; ", will));
        out.println("  will not run: " + String.join("; ", wont));
    }

    private static void load(GateSpec spec, Preflight.Plan plan, PrintStream out) {
        out.println("LOAD        " + (plan.simulation() == null ? "from contracts" : plan.simulation())
                + (spec.load().plan() != null && plan.simulation() != null ? " with load.plan" : "")
                + ", " + new Span(plan.plan().minimumDuration(), plan.plan().duration()) + " in all"
                + (plan.plan().ranged() ? " (a phase given as a range ends when decided: objectives decided, or "
                + "latency settled in a warm-up)" : ""));
        out.println(String.format(Locale.ROOT, "  %-14s %-7s %-18s %-10s %s", "phase", "scored", "rate", "duration",
                "starts at"));
        Duration least = Duration.ZERO;
        Duration most = Duration.ZERO;
        for (Phase p : plan.plan().phases()) {
            String rate = p.fromRps() == p.toRps() ? Units.formatRate(p.toRps())
                    : Units.formatRate(p.fromRps()) + " -> " + Units.formatRate(p.toRps());
            out.println(String.format(Locale.ROOT, "  %-14s %-7s %-18s %-10s %s", p.name(), p.scored() ? "yes" : "no",
                    rate, p.span(), least.equals(most) ? Units.format(least)
                            : Units.format(least) + ".." + Units.format(most)));
            least = least.plus(p.minimum());
            most = most.plus(p.duration());
        }
        if (!plan.settings().isEmpty()) {
            Map<String, String> given = new TreeMap<>(spec.load().settings());
            out.println("  settings");
            for (Setting s : plan.settings()) {
                out.println(String.format(Locale.ROOT, "    %-18s %-9s %s", s.name(), s.type().label(),
                        given.containsKey(s.name()) ? given.get(s.name()) + " (default " + s.defaultValue() + ")"
                                : s.defaultValue() + " (default)"));
            }
        }
        if (!plan.operations().isEmpty()) {
            out.println("  operations  " + String.join(", ", plan.operations()));
        }
    }

    private static void faults(List<FaultSpec> faults, LoadPlan plan, PrintStream out) {
        if (faults.isEmpty()) {
            return;
        }
        out.println("FAULTS      on the load clock");
        for (FaultSpec f : faults) {
            Duration phaseStart = Duration.ZERO;
            Duration phaseEnd = plan == null ? null : plan.duration();
            if (plan != null && f.phase() != null) {
                for (Phase p : plan.phases()) {
                    if (p.name().equals(f.phase())) {
                        phaseEnd = phaseStart.plus(p.duration());
                        break;
                    }
                    phaseStart = phaseStart.plus(p.duration());
                }
            }
            Duration on = phaseStart.plus(f.at());
            Duration off = f.duration() != null ? on.plus(f.duration()) : phaseEnd;
            out.println(String.format(Locale.ROOT, "  %-10s %-10s %s - %s%s", f.service(), f.label(),
                    Units.format(on), off == null ? "end" : Units.format(off),
                    f.phase() == null ? "" : "  (" + f.phase() + " + " + Units.format(f.at()) + ")"));
        }
    }

    private static void objectives(List<Objective> objectives, PrintStream out) {
        if (objectives.isEmpty()) {
            return;
        }
        out.println("OBJECTIVES");
        for (Objective o : objectives) {
            out.println("  " + o.name() + ": " + o.describe());
        }
    }
}
