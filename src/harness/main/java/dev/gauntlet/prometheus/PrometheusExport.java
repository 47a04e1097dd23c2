package dev.gauntlet.prometheus;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.LoadSpec;
import dev.gauntlet.report.Reason;
import dev.gauntlet.report.Report;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The end of every run: its figures ({@link Exposition}) pushed to the Pushgateway the environment file names. A push
 * that fails is a WARN check with its reason; it never fails the gate and never keeps the report from being written.
 */
public final class PrometheusExport {
    /** The source of the export's check in the report ({@code gauntlet.export} in junit.xml). */
    public static final String SOURCE = "export";
    /** The name of the export's check. */
    public static final String NAME = "prometheus";

    private PrometheusExport() {
    }

    /**
     * Pushes {@code report}'s figures when {@code spec} is enabled and returns the report with the push's check added
     * (PASS when pushed, WARN with the reason when not); without an export, the report as it is. Never throws.
     *
     * @param load     what the load recorded, or null (no load, or the run stopped before it)
     * @param loadSpec the load as configured (its plan fingerprint is the {@code plan} label), or null
     */
    public static Report push(PrometheusSpec spec, Report report, LoadResults load, LoadSpec loadSpec,
                              Consumer<String> console) {
        return push(spec, report, load, loadSpec, console, System::getenv);
    }

    static Report push(PrometheusSpec spec, Report report, LoadResults load, LoadSpec loadSpec,
                       Consumer<String> console, Function<String, String> env) {
        if (spec == null || !spec.enabled()) {
            return report;
        }
        Reason check;
        try {
            Exposition figures = Exposition.of(report, load);
            Pushgateway gateway = new Pushgateway(spec, env);
            String environment = report.environment() == null ? "" : report.environment().name();
            Map<String, String> key = gateway.groupingKey(environment, plan(loadSpec));
            Pushgateway.Result result = gateway.push(key, figures.text());
            String group = key.toString();
            check = result.ok()
                    ? Reason.pass(SOURCE, NAME, "run figures " + result.message() + " (" + figures.series()
                    + " series, group " + group + ")")
                    : Reason.warn(SOURCE, NAME, "run figures not in Prometheus (the report is complete): "
                    + result.message(), "group " + group + ", " + figures.series() + " series");
        } catch (RuntimeException | LinkageError e) { // an export must never cost the report
            check = Reason.warn(SOURCE, NAME, "run figures not in Prometheus (the report is complete): the export "
                    + "failed: " + e, "");
        }
        console.accept("[gate] prometheus: " + check.message());
        return report.with(check);
    }

    /**
     * A short fingerprint of the load plan: what drives the load, its phases and the settings it reads. Runs with the
     * same plan share it, so their series line up; {@code none} without load.
     */
    public static String plan(LoadSpec loadSpec) {
        if (loadSpec == null || !loadSpec.enabled()) {
            return "none";
        }
        StringBuilder s = new StringBuilder(loadSpec.describe()).append('|');
        s.append(new TreeMap<>(loadSpec.mix())).append('|');
        s.append(loadSpec.plan() == null ? "" : loadSpec.plan().encode()).append('|');
        s.append(new TreeMap<>(loadSpec.settings()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
