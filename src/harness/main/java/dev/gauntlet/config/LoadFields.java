package dev.gauntlet.config;

import dev.gauntlet.load.LoadPlan;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.load.Phase;
import dev.gauntlet.load.Span;
import dev.gauntlet.units.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code load:}: what drives the load ({@code simulation} or {@code from: contracts}), its {@code mix}, the
 * {@code plan} in phases, {@code settings} and {@code timeout}.
 *
 * <pre>{@code
 * load:
 *   from: contracts
 *   mix: {"GET /products": 35, "POST /orders": 15}   # percent of the visits; the others share the rest
 *   plan:
 *     - {phase: warmup, rate: 20/s, duration: 20s}  # a phase named warmup is not scored
 *     - {phase: baseline, rate: 30/s, duration: 30s}
 *     - {phase: spike, rate: 6x, duration: 15s}     # 6 × the previous phase's rate
 *     - {phase: ramp-down, rate: 10/s, duration: 10s, ramp: true, scored: false}
 * }</pre>
 */
final class LoadFields {
    private static final Pattern SIMULATION = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Pattern MULTIPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*x");
    private static final Pattern PHASE = Pattern.compile("[a-z][a-z0-9-]*");

    private LoadFields() {
    }

    static LoadSpec load(Node root) {
        if (!root.has("load")) {
            return new LoadSpec(false, "", Map.of(), Duration.ZERO);
        }
        Node l = root.object("load").only(Set.of("enabled", "simulation", "from", "mix", "plan", "settings", "timeout",
                "injectors"));
        boolean enabled = l.bool("enabled", true);
        String simulation = l.has("simulation") ? l.text("simulation").trim() : null;
        String from = l.has("from") ? l.text("from").trim() : null;
        if (simulation != null && !SIMULATION.matcher(simulation).matches()) {
            throw l.field("simulation").error("expected a Java class name such as SpikeSimulation or "
                    + "com.acme.load.SpikeSimulation, got '" + simulation + "'");
        }
        if (from != null && !from.equals(LoadSpec.CONTRACTS)) {
            throw l.field("from").error("expected 'contracts' (every interaction of contracts.folder becomes "
                    + "traffic), got '" + from + "'");
        }
        if (simulation != null && from != null) {
            throw l.field("from").error("load.simulation and load.from exclude each other, but both are set (simulation: "
                    + simulation + "); in a file that extends another, drop the inherited one with 'simulation: null'");
        }
        if (enabled && simulation == null && from == null) {
            throw l.error("expected 'simulation' (a Gatling simulation class such as SpikeSimulation) or "
                    + "'from: contracts' (traffic made from the contracts)");
        }
        if (l.has("mix") && from == null) {
            throw l.field("mix").error("weights operations of traffic from contracts: it needs 'from: contracts' (a "
                    + "simulation class decides its own mix)");
        }
        LoadPlan plan = l.has("plan") ? plan(l) : null;
        if (from != null && plan == null && enabled) {
            throw l.field("plan").error("is required with 'from: contracts' (a list of phases such as "
                    + "{phase: baseline, rate: 30/s, duration: 30s})");
        }
        LoadSpec spec = new LoadSpec(enabled, simulation, from, l.has("mix") ? mix(l) : Map.of(), plan,
                l.textMap("settings"), l.duration("timeout", Duration.ofMinutes(30)), InjectorFields.injectors(l));
        if (plan != null && plan.ranged() && (spec.injectors().many() || spec.injectors().onKubernetes())) {
            throw l.field("injectors").error("splits the load over several injectors, but a phase of load.plan ends "
                    + "when decided (a duration such as 10s..60s), which one injector's clock decides: give every "
                    + "phase a fixed duration, or run one injector");
        }
        return spec;
    }

    /** {@code 10%} or {@code 0.1}. */
    static double percent(Node n) {
        String text = n.text().trim();
        try {
            double v = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1).trim()) / 100
                    : Double.parseDouble(text);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw n.error("expected a percentage such as 10%, got '" + text + "'");
        }
    }

    /** {@code load.mix}: percent of the visits per operation; at most 100 in all. */
    private static Map<String, Double> mix(Node load) {
        Map<String, Double> out = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<String, Node> e : load.object("mix").entries().entrySet()) {
            Node n = e.getValue();
            ContractsFields.operation(n, e.getKey());
            double percent;
            try {
                percent = n.isNumber() ? Double.parseDouble(n.text())
                        : Double.parseDouble(n.text().trim().replaceFirst("\\s*%$", ""));
            } catch (NumberFormatException x) {
                throw n.error("expected the operation's percent of the visits, such as 35, got '" + n.text() + "'");
            }
            if (percent < 0) {
                throw n.error("expected a percent of the visits from 0 to 100, got " + n.text());
            }
            sum += percent;
            out.put(e.getKey().trim(), percent);
        }
        if (sum > 100.0001) {
            throw load.field("mix").error("the percents add up to " + sum + ", more than 100 (operations not named "
                    + "share what is left of 100)");
        }
        return out;
    }

    /** {@code load.plan}: named phases, each a rate (visits/s, or a multiple of the previous phase) for a duration. */
    private static LoadPlan plan(Node load) {
        List<Node> items = load.list("plan");
        if (items.isEmpty()) {
            throw load.field("plan").error("expected a list of phases such as [{phase: baseline, rate: 30/s, "
                    + "duration: 30s}], got none");
        }
        List<Phase> phases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        double previous = -1;
        for (Node p : items) {
            p.only(Set.of("phase", "rate", "duration", "ramp", "scored"));
            String name = p.text("phase").trim();
            if (!PHASE.matcher(name).matches()) {
                throw p.field("phase").error("expected a phase name of lower-case letters, digits and '-' such as "
                        + "baseline, got '" + name + "'");
            }
            if (!names.add(name)) {
                throw p.field("phase").error("'" + name + "' appears twice in the plan: phase names must be unique "
                        + "(objectives and faults refer to them)");
            }
            double rate = rate(p, previous);
            Span span = span(p);
            boolean ramp = p.bool("ramp", false);
            double start = ramp ? Math.max(previous, 0) : rate;
            boolean scored = p.bool("scored", !name.equals("warmup"));
            if (span.ranged() && (ramp || rate == 0)) {
                throw p.field("duration").error("'" + span + "' lets the phase end when decided, which only a phase "
                        + "at a constant rate above 0 can (a ramp's rates depend on its length): give a fixed "
                        + "duration such as 30s");
            }
            if (scored && span == Span.AUTO && p.text("duration").trim().equals("auto")) {
                throw p.field("duration").error("'auto' is for an unscored warm-up (it ends when latency settles); "
                        + "a scored phase takes a range such as 10s..60s (it ends when its objectives are decided)");
            }
            phases.add(new Phase(name, scored, start, rate, span));
            previous = rate;
        }
        return LoadPlan.of(phases);
    }

    /** {@code duration}: {@code 30s}, {@code 10s..60s} or {@code auto}. */
    private static Span span(Node p) {
        if (!p.has("duration")) {
            throw p.field("duration").error("is required (" + Span.EXAMPLES + ")");
        }
        try {
            return Span.parse(p.text("duration"));
        } catch (IllegalArgumentException e) {
            throw p.field("duration").error(e.getMessage());
        }
    }

    private static double rate(Node p, double previous) {
        Node field = p.field("rate");
        String raw = p.text("rate").trim();
        Matcher times = MULTIPLE.matcher(raw);
        if (times.matches()) {
            if (previous < 0) {
                throw field.error("'" + raw + "' multiplies the previous phase's rate, but this is the first phase: "
                        + "give visits per second such as 20/s");
            }
            return previous * Double.parseDouble(times.group(1));
        }
        try {
            return Units.rate(raw);
        } catch (IllegalArgumentException e) {
            throw field.error("expected visits per second such as 30/s, or a multiple of the previous phase's rate "
                    + "such as 6x, got '" + raw + "'");
        }
    }

    /**
     * With a plan in the file, objectives and faults must name its phases (checked up front, not after the run).
     *
     * @param items    the objective or fault nodes
     * @param what     {@code objective} or {@code fault}
     */
    static void phasesExist(LoadSpec load, List<Node> items, String what) {
        if (load.plan() == null || !load.enabled()) {
            return;
        }
        List<String> phases = load.plan().phases().stream().map(Phase::name).toList();
        for (Node n : items) {
            if (n.has("phase") && !phases.contains(n.text("phase").trim())) {
                throw n.field("phase").error("the " + what + " names phase '" + n.text("phase").trim()
                        + "', which load.plan does not have (phases: " + String.join(", ", phases) + ")");
            }
            Phase ranged = n.has("phase") ? load.plan().phases().stream()
                    .filter(p -> p.name().equals(n.text("phase").trim()) && p.ranged()).findFirst().orElse(null) : null;
            if (ranged != null && what.equals("fault")) {
                throw n.field("phase").error("the fault is scheduled on phase '" + ranged.name() + "', whose duration "
                        + ranged.span() + " lets it end when decided: a phase with faults keeps its written timing, "
                        + "so give it a fixed duration such as " + dev.gauntlet.units.Units.format(ranged.duration()));
            }
        }

    }
}
