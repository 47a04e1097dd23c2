package dev.gauntlet.gate;

import dev.gauntlet.config.GateSpec;
import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.history.HistoryRun;
import dev.gauntlet.history.Pending;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.monitor.MonitorObjectives;
import dev.gauntlet.monitor.Poll;
import dev.gauntlet.resource.ResourceObjectives;
import dev.gauntlet.resource.ResourceSamples;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Slos;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The scoring stage: the objectives judged against what the load, the samplers and the history recorded. */
final class Scoring {
    private Scoring() {
    }

    /**
     * The objectives of {@code spec} scored (a pending one, {@code pending: N}, warns instead of failing until it has
     * passed N runs of the history), then {@code checked} (the stages' own), then the regressions against the
     * history; the monitor's polls are kept in the run folder.
     */
    static List<ObjectiveResult> objectives(GateSpec spec, LoadResults load, List<FaultEdge> edges,
                                            ResourceSamples samples, Map<String, List<Poll>> polls, String underTest,
                                            HistoryRun kept, List<ObjectiveResult> checked, Path runDir,
                                            PrintStream console) {
        MonitorObjectives.write(spec.objectives(), polls, edges, underTest, runDir, console::println);
        List<ObjectiveResult> scored = new ArrayList<>(Pending.score(spec.objectives(), spec.pending(), some -> {
            List<ObjectiveResult> results = new ArrayList<>(Slos.evaluate(some, load, edges));
            results.addAll(ResourceObjectives.evaluate(some, samples, load.timeline()));
            results.addAll(MonitorObjectives.evaluate(some, polls, edges, underTest));
            return results;
        }, kept == null ? null : kept.earlier()));
        scored.addAll(checked);
        if (kept != null) {
            scored.addAll(kept.score(load));
        }
        return scored;
    }
}
