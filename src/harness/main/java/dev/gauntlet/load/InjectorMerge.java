package dev.gauntlet.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * Merges what several injectors recorded into the results of one load, exactly: the histograms of each (operation,
 * phase, outcome) are added (HdrHistogram addition loses nothing at the recorders' precision, so a merged percentile
 * is the one of a histogram holding every sample), counts and visits are summed, and the per-second intervals are
 * aligned by time: the injectors' intervals of one cell that start in the same second are added into one. Pure: the
 * same parts give the same results.
 */
public final class InjectorMerge {
    private InjectorMerge() {
    }

    /**
     * @param simulation the simulation the injectors ran
     * @param parts      each injector's results (only those that recorded anything)
     * @param count      injectors in all: each part's timeline offers {@code 1/count} of the plan
     * @throws LoadException when no part has a timeline
     */
    public static LoadResults merge(String simulation, List<LoadResults> parts, int count) {
        if (parts.isEmpty()) {
            throw new LoadException("no injector sent a request, so nothing was recorded", "");
        }
        Timeline earliest = parts.stream().map(LoadResults::timeline)
                .min(Comparator.comparingLong(Timeline::startEpochMillis)).orElseThrow();
        Timeline timeline = total(earliest, count);
        Set<String> operations = new LinkedHashSet<>();
        Set<String> refused = new TreeSet<>();
        Map<String, LoadResults.Cell> cells = new LinkedHashMap<>();
        Map<String, Long> visits = new LinkedHashMap<>();
        Map<String, LoadResults.Interval> intervals = new java.util.HashMap<>();
        Path gatling = null;
        for (LoadResults p : parts) {
            operations.addAll(p.operations());
            refused.addAll(p.refusedConnections());
            for (LoadResults.Cell c : p.cells()) {
                cells.computeIfAbsent(c.operation() + '\n' + c.phase() + '\n' + c.outcome(), k -> new LoadResults.Cell(
                        c.operation(), c.phase(), c.outcome(), new Histogram(1, LoadRecorder.MAX_MICROS,
                        LoadRecorder.SIGNIFICANT_DIGITS))).histogram().add(c.histogram());
            }
            p.visits().forEach((phase, n) -> visits.merge(phase, n, Long::sum));
            for (LoadResults.Interval i : p.intervals()) { // aligned by time: one interval per cell and second
                String key = i.startEpochMillis() / 1000 + "\n" + i.operation() + '\n' + i.phase() + '\n' + i.outcome();
                LoadResults.Interval at = intervals.get(key);
                if (at == null) {
                    intervals.put(key, new LoadResults.Interval(i.startEpochMillis() / 1000 * 1000, i.operation(),
                            i.phase(), i.outcome(), LoadStage.packed(i.histogram())));
                } else {
                    at.histogram().add(i.histogram());
                }
            }
            gatling = gatling == null ? p.gatlingReport() : gatling;
        }
        List<LoadResults.Interval> aligned = new ArrayList<>(intervals.values());
        aligned.sort(Comparator.comparingLong(LoadResults.Interval::startEpochMillis));
        return new LoadResults(simulation, timeline, new ArrayList<>(operations), new ArrayList<>(cells.values()),
                new ArrayList<>(refused), gatling, aligned, visits);
    }

    /** One injector's timeline with every phase's offered rate for all {@code count} injectors. */
    static Timeline total(Timeline share, int count) {
        List<Timeline.Window> windows = new ArrayList<>();
        for (Timeline.Window w : share.windows()) {
            windows.add(new Timeline.Window(w.name(), w.scored(), w.start(), w.end(), w.offeredRps() * count,
                    w.ranged(), w.ended()));
        }
        return new Timeline(share.startEpochMillis(), windows);
    }

    /**
     * What one injector offered and achieved per phase of the merged timeline.
     *
     * @param part its results, or null when it recorded nothing
     * @param merged the merged results' timeline
     */
    static List<InjectorRun.PhaseRate> rates(LoadResults part, Timeline merged, int count) {
        List<InjectorRun.PhaseRate> out = new ArrayList<>();
        for (Timeline.Window w : merged.windows()) {
            double offered = w.offeredRps() / count;
            if (part == null) {
                out.add(new InjectorRun.PhaseRate(w.name(), w.scored(), offered, 0, 0));
                continue;
            }
            Timeline.Window own = part.timeline().windows().stream().filter(x -> x.name().equals(w.name()))
                    .findFirst().orElse(w);
            out.add(new InjectorRun.PhaseRate(w.name(), w.scored(), offered, part.injectedRps(own),
                    part.count(c -> Objects.equals(c.phase(), w.name()))));
        }
        return out;
    }
}
