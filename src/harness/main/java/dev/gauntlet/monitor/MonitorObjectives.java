package dev.gauntlet.monitor;

import dev.gauntlet.slo.Monitoring;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.files.RunFiles;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scores the monitoring objectives on what {@link Monitor} polled and the faults as they happened. Only faults on
 * another service than the monitored one count: they take a dependency down.
 *
 * <ul>
 *   <li>{@code health}: for each fault, the endpoint reports not healthy while the fault is on, within the limit
 *       of its start, and healthy again within the limit of its end. Measured: the slowest of those.</li>
 *   <li>{@code metrics}: for each fault, the series grows from its last value before the fault to its value at the
 *       fault's end (or the first scrape after it). Measured: the smallest growth; it must be above 0.</li>
 * </ul>
 * The polls go to {@value RunFiles#MONITORING} in the run folder: the health answers' changes and the metric values.
 */
public final class MonitorObjectives {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MonitorObjectives() {
    }

    /**
     * The results of the monitoring objectives among {@code objectives}. Pure: same polls, same results.
     *
     * @param polls     what {@link Monitor#stop()} returned, or null when it never ran
     * @param underTest the service under test (monitored when an objective names none)
     */
    public static List<ObjectiveResult> evaluate(List<Objective> objectives, Map<String, List<Poll>> polls,
                                                 List<FaultEdge> faults, String underTest) {
        List<ObjectiveResult> out = new ArrayList<>();
        each(objectives, polls, faults, underTest, (m, track, dependencyFaults) -> {
            if (track.isEmpty()) {
                out.add(result(m, Status.WARN, null, 0, "the endpoint was not polled (the load did not run)", Map.of()));
            } else if (dependencyFaults.isEmpty()) {
                out.add(result(m, Status.WARN, null, track.size(), "no fault took a dependency of "
                        + (m.service() == null ? underTest : m.service()) + " down during the run: nothing to report "
                        + "(add a fault on another service)", Map.of()));
            } else if (m.signal() == Monitoring.Signal.HEALTH) {
                out.add(HealthTimeline.score(m, track, dependencyFaults));
            } else {
                out.add(MetricMoves.score(m, track, dependencyFaults, new ArrayList<>()));
            }
        });
        return out;
    }

    /**
     * Writes what was polled to {@value RunFiles#MONITORING} in {@code runDir}: per objective, the health answers'
     * changes or the metric's values around each fault. Nothing when no objective is a monitoring one.
     */
    public static void write(List<Objective> objectives, Map<String, List<Poll>> polls, List<FaultEdge> faults,
                             String underTest, Path runDir, Consumer<String> console) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        each(objectives, polls, faults, underTest, (m, track, dependencyFaults) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("endpoint", (m.service() == null ? underTest : m.service()) + " " + m.path());
            e.put("polls", track.size());
            e.put("faults", dependencyFaults.stream().map(f -> Map.of("fault", describe(f), "start", f.start(),
                    "end", f.end())).toList());
            if (m.signal() == Monitoring.Signal.HEALTH) {
                e.put("changes", HealthTimeline.changes(track));
            } else {
                List<Map<String, Object>> values = new ArrayList<>();
                MetricMoves.score(m, track, dependencyFaults, values);
                e.put("values", values);
            }
            evidence.put(m.name(), e);
        });
        if (evidence.isEmpty()) {
            return;
        }
        try {
            JSON.writeValue(runDir.resolve(RunFiles.MONITORING).toFile(), evidence);
        } catch (IOException ex) {
            console.accept("[gate] could not write " + RunFiles.MONITORING + ": " + ex.getMessage());
        }
    }

    @FunctionalInterface
    private interface Each {
        void accept(Monitoring m, List<Poll> track, List<FaultEdge> dependencyFaults);
    }

    /**
     * Fault kinds that only slow a dependency (latency, bandwidth, a slow close): it is still there, so monitoring
     * need not call it down. Every other kind (stopped, paused, killed, failing, reset, blackholed, refused) is judged.
     */
    private static final java.util.Set<String> DEGRADING = java.util.Set.of("latency", "bandwidth", "slow_close");

    private static void each(List<Objective> objectives, Map<String, List<Poll>> polls, List<FaultEdge> faults,
                             String underTest, Each each) {
        for (Objective o : objectives) {
            if (o instanceof Monitoring m) {
                String monitored = m.service() == null ? underTest : m.service();
                each.accept(m, polls == null ? List.of() : polls.getOrDefault(m.name(), List.of()), faults.stream()
                        .filter(f -> f.start() > 0 && f.end() > 0 && !f.service().equals(monitored)
                                && !f.service().startsWith(monitored + "#") // its own replica: the balancer routes around it
                                && !DEGRADING.contains(f.kind())).toList());
            }
        }
    }

    static ObjectiveResult result(Monitoring m, Status status, Double measured, long samples, String detail,
                                  Map<String, Double> figures) {
        double threshold = m.signal() == Monitoring.Signal.HEALTH ? m.limit().toMillis() : 0;
        String unit = m.signal() == Monitoring.Signal.HEALTH ? "ms" : "";
        Double margin = measured == null ? null : m.signal() == Monitoring.Signal.HEALTH
                ? threshold - measured : measured - threshold;
        return ObjectiveResult.of(m, m.name(), "all", "all", status, measured, threshold, unit, margin, samples,
                detail, figures);
    }

    /** Seconds with one decimal, for sentences. */
    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String describe(FaultEdge f) {
        return f.service() + " " + f.kind();
    }
}
