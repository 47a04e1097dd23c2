package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the coordinator does with the injectors' records, wherever they ran ({@link LocalInjectors} on this machine,
 * {@link KubernetesInjectors} in pods): publishes the merged clock for the fault schedule once every injector started,
 * and at the end merges their folders ({@code RUN/load/injector-K}) into the results of one load, saying what each did.
 */
final class InjectorRecords {
    /** How long after the first injector's first request the others may take before the clock is published. */
    static final long ANNOUNCE_MILLIS = 5_000;

    private final LoadSpec spec;
    private final Path out;
    private final int count;
    private boolean announced;
    private long firstSeen;

    InjectorRecords(LoadSpec spec, Path out) {
        this.spec = spec;
        this.out = out;
        this.count = spec.injectors().count();
    }

    /**
     * How one injector ended, as the coordinator saw it.
     *
     * @param index     1-based
     * @param dir       its folder, holding its records
     * @param state     how it ended
     * @param stoppedAt epoch millis it ended or was stopped
     * @param detail    how it ended, for people, or empty
     */
    record Ended(int index, Path dir, InjectorRun.State state, long stoppedAt, String detail) {
    }

    /**
     * Publishes the merged {@code RUN/load/timeline.json} (the fault schedule's clock) once every injector announced
     * its timeline, or {@link #ANNOUNCE_MILLIS} after the first did (one that never sends is not waited for).
     */
    void announce(List<Path> dirs, long now) {
        if (announced) {
            return;
        }
        List<Timeline> timelines = new ArrayList<>();
        for (Path dir : dirs) {
            Path t = dir.resolve(RunFiles.TIMELINE);
            if (Files.exists(t)) {
                try {
                    timelines.add(LoadWorker.JSON.treeToValue(LoadWorker.JSON.readTree(t.toFile()).get("timeline"),
                            Timeline.class));
                } catch (IOException | RuntimeException partlyWritten) {
                    // read again at the next poll
                }
            }
        }
        if (!timelines.isEmpty()) {
            firstSeen = firstSeen == 0 ? now : firstSeen;
        }
        if (timelines.size() == count || (firstSeen > 0 && now - firstSeen > ANNOUNCE_MILLIS)) {
            Timeline earliest = timelines.stream().min(Comparator.comparingLong(Timeline::startEpochMillis))
                    .orElseThrow();
            LoadWorker.writeTimeline(out, InjectorMerge.total(earliest, count), List.of());
            announced = true;
        }
    }

    /**
     * Reads every injector's records, merges them, and says what each did.
     *
     * @param logTail the log to show when no injector recorded anything
     * @throws LoadException when no injector recorded a request
     */
    LoadResults results(List<Ended> ended, Supplier<String> logTail) {
        List<LoadResults> parts = new ArrayList<>();
        LoadResults[] byInjector = new LoadResults[count];
        for (Ended e : ended) {
            if (Files.exists(e.dir().resolve(RunFiles.TIMELINE))) {
                byInjector[e.index() - 1] = LoadStage.read(e.dir(), spec.simulationClass(), true);
                parts.add(byInjector[e.index() - 1]);
            }
        }
        if (parts.isEmpty()) {
            throw new LoadException("no injector recorded a request", logTail.get());
        }
        LoadResults merged = InjectorMerge.merge(spec.simulationClass(), parts, count);
        LoadWorker.writeTimeline(out, merged.timeline(), merged.operations());
        gatherTap(ended.stream().map(Ended::dir).toList());
        long first = parts.stream().mapToLong(p -> p.timeline().startEpochMillis()).min().orElse(0);
        List<InjectorRun> runs = new ArrayList<>();
        for (Ended e : ended) {
            LoadResults part = byInjector[e.index() - 1];
            long start = part == null ? 0 : part.timeline().startEpochMillis();
            boolean early = e.state() == InjectorRun.State.DIED || e.state() == InjectorRun.State.STALLED;
            long at = early ? Math.max(0, e.stoppedAt() - merged.timeline().startEpochMillis()) : 0;
            String phase = early ? merged.timeline().windows().get(merged.timeline().indexAt(e.stoppedAt())).name()
                    : null;
            runs.add(new InjectorRun(e.index(), count, e.state(), start, part == null ? 0 : start - first,
                    part == null ? 0 : part.count(c -> true), InjectorMerge.rates(part, merged.timeline(), count),
                    at, phase, e.detail(), spec.injectors().tolerance()));
        }
        return merged.withInjectors(runs);
    }

    /** The response tap's files of every injector, one after the other, where the checks after the load read them. */
    private void gatherTap(List<Path> dirs) {
        for (String file : List.of(RunFiles.WRITES, RunFiles.SAMPLES)) {
            List<Path> pieces = dirs.stream().map(d -> d.resolve(file)).filter(Files::exists).toList();
            if (pieces.isEmpty()) {
                continue;
            }
            try (var to = Files.newOutputStream(out.resolve(file))) {
                for (Path p : pieces) {
                    Files.copy(p, to);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot gather the injectors' " + file, e);
            }
        }
    }
}
