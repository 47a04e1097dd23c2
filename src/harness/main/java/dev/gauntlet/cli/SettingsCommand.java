package dev.gauntlet.cli;

import dev.gauntlet.gate.Gate;
import dev.gauntlet.load.Declaration;
import dev.gauntlet.load.LoadPlan;
import dev.gauntlet.load.Phase;
import dev.gauntlet.load.Setting;
import dev.gauntlet.preflight.Preflight;
import dev.gauntlet.process.Workspace;
import dev.gauntlet.units.Units;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gauntlet settings SIMULATION}: the settings a simulation reads from {@code load.settings}, and its plan. */
@Command(name = "settings", description = "List the load.settings a simulation reads (name, type, default, meaning) "
        + "and the plan it runs with its defaults. Builds the simulation without sending anything.")
final class SettingsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SIMULATION", description = "simple or full class name, e.g. SpikeSimulation")
    String simulation;

    @Override
    public Integer call() {
        Declaration declared;
        try {
            declared = Preflight.declaration(simulation, Workspace.current());
        } catch (IllegalArgumentException e) {
            System.err.println("gauntlet: " + e.getMessage());
            return Gate.USAGE;
        }
        System.out.println(declared.simulation() + " reads these load.settings:");
        if (declared.settings().isEmpty()) {
            System.out.println("  (none)");
        } else {
            int name = Math.max(4, declared.settings().stream().mapToInt(x -> x.name().length()).max().orElse(0));
            int value = Math.max(7, declared.settings().stream().mapToInt(x -> x.defaultValue().length()).max().orElse(0));
            String row = "  %-" + name + "s  %-8s  %-" + value + "s  %s";
            System.out.println(String.format(Locale.ROOT, row, "name", "type", "default", "meaning").stripTrailing());
            for (Setting s : declared.settings()) {
                System.out.println(String.format(Locale.ROOT, row, s.name(), s.type().label(), s.defaultValue(),
                        s.meaning()).stripTrailing());
            }
        }
        LoadPlan plan = declared.loadPlan();
        System.out.println("plan with these defaults (" + Units.format(plan.duration()) + "):");
        for (Phase p : plan.phases()) {
            System.out.println(String.format(Locale.ROOT, "  %-14s %-18s %-8s%s", p.name(),
                    p.fromRps() == p.toRps() ? Units.formatRate(p.toRps())
                            : Units.formatRate(p.fromRps()) + " -> " + Units.formatRate(p.toRps()),
                    p.span(), p.scored() ? "" : " (not scored)").stripTrailing());
        }
        if (!declared.operations().isEmpty()) {
            System.out.println("operations: " + String.join(", ", declared.operations()));
        }
        System.out.println("Types: rate = " + Units.RATE_EXAMPLES + "; duration = " + Units.DURATION_EXAMPLES
                + ". Set them in the environment file's load.settings, or --set load.settings.NAME=VALUE.");
        return Gate.PASSED;
    }
}
