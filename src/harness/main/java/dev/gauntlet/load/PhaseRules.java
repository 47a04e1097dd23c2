package dev.gauntlet.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the load worker needs to know to end a ranged scored phase: the latency claims scored on each phase (the only
 * objectives whose answer needs more samples) and the phases it must run to their maximum because an objective on
 * them is judged on evidence the worker does not see (a rate limit's behaviour, resources, recovery …). Objectives
 * judged on whatever length the phase had (error budgets, throughput) hold nothing back. The gate writes it
 * ({@code RUN/load/phase-rules.tsv}) before the worker starts.
 *
 * @param claims every latency claim, by phase
 * @param held   phases that run to their maximum
 */
public record PhaseRules(List<Claim> claims, Set<String> held) {
    /** No rules: a ranged scored phase ends at its minimum, a warm-up when latency settles. */
    public static final PhaseRules NONE = new PhaseRules(List.of(), Set.of());

    public PhaseRules {
        claims = List.copyOf(claims);
        held = Set.copyOf(held);
    }

    /**
     * "{@code percentile} of the answers (429s aside) to {@code operation} in {@code phase} stay under
     * {@code limitMicros}".
     *
     * @param operation an operation, {@link #EACH} (every operation of the API's traffic on its own), or {@link #ALL}
     *                  (the API's traffic merged)
     */
    public record Claim(String phase, String operation, double percentile, long limitMicros) {
    }

    /** Every operation of the load, each on its own. */
    public static final String EACH = "*";
    /** The API's traffic merged (harness set-ups aside). */
    public static final String ALL = "";

    /** The claims on {@code phase}. */
    public List<Claim> on(String phase) {
        return claims.stream().filter(c -> c.phase().equals(phase)).toList();
    }

    /** Writes the rules where the worker of {@code loadDir} reads them. */
    public void write(Path loadDir) {
        List<String> lines = new ArrayList<>();
        new TreeSet<>(held).forEach(p -> lines.add("hold\t" + p));
        claims.forEach(c -> lines.add(String.join("\t", "latency", c.phase(), c.operation(),
                Double.toString(c.percentile()), Long.toString(c.limitMicros()))));
        try {
            Files.createDirectories(loadDir);
            Files.write(loadDir.resolve(dev.gauntlet.files.RunFiles.PHASE_RULES), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the phase rules to " + loadDir, e);
        }
    }

    /** Reads what {@link #write} wrote into {@code loadDir}; {@link #NONE} when there is nothing. */
    public static PhaseRules read(Path loadDir) {
        Path file = loadDir.resolve(dev.gauntlet.files.RunFiles.PHASE_RULES);
        if (!Files.exists(file)) {
            return NONE;
        }
        List<Claim> claims = new ArrayList<>();
        Set<String> held = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length == 2 && f[0].equals("hold")) {
                    held.add(f[1]);
                } else if (f.length == 5 && f[0].equals("latency")) {
                    claims.add(new Claim(f[1], f[2], Double.parseDouble(f[3]), Long.parseLong(f[4])));
                } else if (!line.isBlank()) {
                    throw new IllegalArgumentException(file + ": not a phase rule: '" + line + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new PhaseRules(claims, held);
    }
}
