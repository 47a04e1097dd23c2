package dev.gauntlet.resource;

import dev.gauntlet.load.Timeline;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores {@code resource} objectives against the samples of the services' memory and CPU. Pure: same samples, same
 * results. Too few samples in the window (the sampler could not read, the phase was too short) is INCONCLUSIVE,
 * never PASS or FAIL.
 */
public final class ResourceObjectives {
    /** Fewest samples a growth line is fitted through. */
    public static final int MIN_FIT_SAMPLES = 10;
    /** Share of the window's expected samples that must have been read. */
    public static final double MIN_COVERAGE = 0.5;
    private static final double MB = 1024.0 * 1024;

    private ResourceObjectives() {
    }

    /** One result per resource objective of {@code objectives} (the others are left to {@code Slos}). */
    public static List<ObjectiveResult> evaluate(List<Objective> objectives, ResourceSamples samples, Timeline timeline) {
        List<ObjectiveResult> out = new ArrayList<>();
        for (Objective o : objectives) {
            if (o instanceof Objective.Resource r) {
                out.add(evaluate(r, samples == null ? ResourceSamples.none() : samples, timeline));
            }
        }
        return out;
    }

    static ObjectiveResult evaluate(Objective.Resource r, ResourceSamples samples, Timeline timeline) {
        String phase = r.scope().phase() == null ? "all" : r.scope().phase();
        String unit = switch (r.metric()) {
            case MEMORY_GROWTH -> "MB/h";
            case MAX_MEMORY -> "MB";
            case CPU -> "%";
        };
        double threshold = r.metric() == Objective.Resource.Metric.CPU ? r.threshold() : r.threshold() / MB;
        long[] window = window(r, timeline);
        if (window == null) {
            return result(r, phase, Status.FAIL, null, threshold, unit, 0, "the load has no phase '" + phase + "'", Map.of());
        }
        ResourceSamples.Series series = samples.of(r.service());
        if (series == null) {
            return result(r, phase, Status.INCONCLUSIVE, null, threshold, unit, 0, "no samples of " + r.service()
                    + "'s memory and CPU were taken (the load did not run with it)", Map.of());
        }
        List<Integer> in = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            long t = samples.startEpochMillis() + series.atMillis()[i];
            if (t >= window[0] && t < window[1]) {
                in.add(i);
            }
        }
        double seconds = (window[1] - window[0]) / 1000.0;
        long expected = Math.max(1, Math.round((window[1] - window[0]) / (double) samples.periodMillis()));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("samples", (double) in.size());
        figures.put("expectedSamples", (double) expected);
        figures.put("windowSeconds", round(seconds));
        figures.put("gapsInRun", (double) series.gaps());
        figures.put("restartsInRun", (double) series.restarts());
        String coverage = String.format(Locale.ROOT, "%d of ~%d samples in %.0f s of %s (%d gaps in the run%s)",
                in.size(), expected, seconds, phase, series.gaps(),
                series.problem() == null ? "" : "; last: " + series.problem());
        return switch (r.metric()) {
            case MEMORY_GROWTH -> growth(r, phase, series, samples, in, expected, window, figures, coverage, threshold);
            case MAX_MEMORY -> maxMemory(r, phase, series, in, figures, coverage, threshold);
            case CPU -> cpu(r, phase, series, in, figures, coverage, threshold);
        };
    }

    private static ObjectiveResult growth(Objective.Resource r, String phase, ResourceSamples.Series series,
                                          ResourceSamples samples, List<Integer> in, long expected, long[] window,
                                          Map<String, Double> figures, String coverage, double threshold) {
        figures.put("warmupSeconds", round((window[0] - window[2]) / 1000.0));
        if (in.size() < MIN_FIT_SAMPLES || in.size() < MIN_COVERAGE * expected) {
            return result(r, phase, Status.INCONCLUSIVE, null, threshold, "MB/h", in.size(),
                    "too few samples to fit " + r.service() + "'s memory growth after the warm-up: " + coverage
                            + "; needs at least " + MIN_FIT_SAMPLES + " and " + Math.round(MIN_COVERAGE * 100)
                            + " % of the window", figures);
        }
        double[] hours = new double[in.size()];
        double[] mb = new double[in.size()];
        for (int k = 0; k < in.size(); k++) {
            int i = in.get(k);
            hours[k] = (samples.startEpochMillis() + series.atMillis()[i] - window[0]) / 3_600_000.0;
            mb[k] = series.rssKB()[i] / 1024.0;
        }
        LinearFit fit = LinearFit.of(hours, mb);
        double span = hours[hours.length - 1] - hours[0];
        figures.put("slopeMBPerHour", round(fit.slope()));
        figures.put("r2", Math.round(fit.r2() * 1000) / 1000.0);
        figures.put("fittedStartMB", round(fit.at(hours[0])));
        figures.put("fittedEndMB", round(fit.at(hours[hours.length - 1])));
        figures.put("firstMB", round(mb[0]));
        figures.put("lastMB", round(mb[mb.length - 1]));
        figures.put("maxMB", round(Arrays.stream(mb).max().orElse(0)));
        Status status = fit.slope() < threshold ? Status.PASS : Status.FAIL;
        String detail = String.format(Locale.ROOT, "%s's memory grew %.1f MB/h (limit %s MB/h): least-squares line "
                        + "through %d samples over %.0f s after %.0f s of warm-up, r² %.2f, %.1f → %.1f MB fitted; %s",
                r.service(), fit.slope(), fmt(threshold), fit.n(), span * 3600, figures.get("warmupSeconds"), fit.r2(),
                fit.at(hours[0]), fit.at(hours[hours.length - 1]), coverage);
        return result(r, phase, status, fit.slope(), threshold, "MB/h", in.size(), detail, figures);
    }

    private static ObjectiveResult maxMemory(Objective.Resource r, String phase, ResourceSamples.Series series,
                                             List<Integer> in, Map<String, Double> figures, String coverage,
                                             double threshold) {
        if (in.isEmpty()) {
            return result(r, phase, Status.INCONCLUSIVE, null, threshold, "MB", 0,
                    "no sample of " + r.service() + "'s memory in the window: " + coverage, figures);
        }
        double max = in.stream().mapToLong(i -> series.rssKB()[i]).max().orElse(0) / 1024.0;
        figures.put("maxMB", round(max));
        return result(r, phase, max < threshold ? Status.PASS : Status.FAIL, max, threshold, "MB", in.size(),
                String.format(Locale.ROOT, "%s's memory peaked at %.1f MB (limit %s MB); %s", r.service(), max,
                        fmt(threshold), coverage), figures);
    }

    private static ObjectiveResult cpu(Objective.Resource r, String phase, ResourceSamples.Series series,
                                       List<Integer> in, Map<String, Double> figures, String coverage,
                                       double threshold) {
        double[] cpu = in.stream().map(i -> series.cpuPercent()[i]).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).sorted().toArray();
        if (cpu.length < 3) {
            return result(r, phase, Status.INCONCLUSIVE, null, threshold, "%", cpu.length,
                    "too few CPU samples of " + r.service() + " in the window (" + cpu.length + "): " + coverage, figures);
        }
        double p = cpu[Math.max(0, (int) Math.ceil(r.percentile() / 100 * cpu.length) - 1)]; // nearest rank
        figures.put("cpuSamples", (double) cpu.length);
        figures.put("maxPercent", cpu[cpu.length - 1]);
        return result(r, phase, p < threshold ? Status.PASS : Status.FAIL, p, threshold, "%", cpu.length,
                String.format(Locale.ROOT, "%s's CPU p%s was %.1f %% of one core (limit %s %%); %s", r.service(),
                        fmt(r.percentile()), p, fmt(threshold), coverage), figures);
    }

    /**
     * {from, to, phase start} in epoch millis: the phase (after its warm-up, for growth), or every scored phase; null
     * if there is no such phase.
     */
    static long[] window(Objective.Resource r, Timeline timeline) {
        long from;
        long to;
        long phaseFrom;
        if (r.scope().phase() != null) {
            Timeline.Window w = timeline.windows().stream().filter(x -> x.name().equals(r.scope().phase()))
                    .findFirst().orElse(null);
            if (w == null) {
                return null;
            }
            from = w.start();
            to = w.end();
        } else {
            List<Timeline.Window> scored = timeline.windows().stream().filter(Timeline.Window::scored).toList();
            List<Timeline.Window> ws = scored.isEmpty() ? timeline.windows() : scored;
            if (ws.isEmpty()) {
                return null;
            }
            from = ws.get(0).start();
            to = ws.get(ws.size() - 1).end();
        }
        phaseFrom = from;
        if (r.metric() == Objective.Resource.Metric.MEMORY_GROWTH) {
            long warm = r.warmup() != null ? r.warmup().toMillis() : Math.round((to - from) * r.warmupShare());
            from = Math.min(to, from + warm);
        }
        return new long[] {from, to, phaseFrom};
    }

    private static ObjectiveResult result(Objective.Resource r, String phase, Status status, Double measured,
                                          double threshold, String unit, long samples, String detail,
                                          Map<String, Double> figures) {
        return ObjectiveResult.of(r, r.name(), phase, r.service(), status,
                measured == null ? null : round(measured), round(threshold), unit,
                measured == null ? null : round(threshold - measured), samples, detail, figures);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(round(v));
    }
}
