package dev.gauntlet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.gate.Gate;
import dev.gauntlet.probe.Baseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gauntlet baseline}: the findings baseline ({@code security.baseline}) written from a run's report.json. */
@Command(name = "baseline", description = "Write the security findings baseline (security.baseline) from a run's "
        + "report.json: every finding of that run accepted, with a reason and an expiry date. A listed finding then "
        + "WARNs, a new one FAILs, an expired entry FAILs.")
final class BaselineCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "REPORT", description = "a run's report.json (or its folder)")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the baseline file to write")
    Path out;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why these findings are accepted (one reason for "
            + "all; edit the file to give each its own)", defaultValue = "accepted when the baseline was written")
    String reason;

    @Option(names = "--days", paramLabel = "N", defaultValue = "90",
            description = "the entries expire after N days (default ${DEFAULT-VALUE})")
    int days;

    @Override
    public Integer call() {
        Path report = Files.isDirectory(from) ? from.resolve("report.json") : from;
        if (days < 1) {
            System.err.println("gauntlet: --days must be at least 1, was " + days);
            return Gate.USAGE;
        }
        try {
            String text = Baseline.write(new ObjectMapper().readTree(report.toFile()), reason,
                    LocalDate.now(ZoneOffset.UTC).plusDays(days));
            Files.writeString(out, text);
            long entries = text.lines().filter(l -> l.startsWith("  - finding:")).count();
            System.out.println("wrote " + out + ": " + entries + " accepted finding(s), expiring in " + days + " days");
            return Gate.PASSED;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("gauntlet: cannot write the baseline from " + report + ": " + e.getMessage());
            return Gate.USAGE;
        }
    }
}
