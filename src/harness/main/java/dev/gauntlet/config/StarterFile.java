package dev.gauntlet.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.contract.ApiModel;
import dev.gauntlet.contract.ContractInputs;
import dev.gauntlet.contract.ContractPact;
import dev.gauntlet.contract.ContractResponses;
import dev.gauntlet.contract.ContractSet;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code gauntlet init}: a starting environment file from an OpenAPI document, a folder of pacts and the command that
 * starts the API — one service under test named as the pacts name their provider, the contracts with coverage against
 * the document, load made from the contracts with a mix over the operations they exercise, a one-minute plan and
 * default objectives. It names the JSON Schema on its first line, and passes {@code gate --dry-run} as written.
 */
public final class StarterFile {
    /** The paths an API's readiness is commonly answered on, in the order they are preferred. */
    private static final List<String> HEALTH_PATHS = List.of("/health", "/healthz", "/actuator/health", "/ready",
            "/readyz", "/status", "/ping");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the file is written from.
     *
     * @param name            the service under test (the pacts' provider)
     * @param command         program and arguments, with {@code ${port}}
     * @param health          an HTTP path, or {@code port}
     * @param pacts           the pacts folder as the file writes it
     * @param openapi         the OpenAPI document as the file writes it
     * @param mix             percent of the visits by operation
     * @param uncovered       the document's operations no pact exercises
     * @param stateChangePath the provider's state-change path, or null
     * @param states          whether the pacts have provider states
     * @param schema          the schema's path relative to the file's folder
     */
    public record Inputs(String name, List<String> command, String health, String pacts, String openapi,
                         Map<String, Integer> mix, List<String> uncovered, String stateChangePath, boolean states,
                         String schema) {
    }

    private StarterFile() {
    }

    /**
     * Reads the document and the pacts.
     *
     * @param provider        the service's name, or null for the pacts' one provider
     * @param health          an HTTP path or {@code port}, or null to find one in the document
     * @param stateChangePath the provider's state-change path, or null
     * @param out             where the file goes (for the schema's relative path)
     * @throws ConfigException naming the file, folder or option that is wrong and what was expected
     */
    public static Inputs read(Path openapi, Path pacts, String start, String provider, String health,
                              String stateChangePath, Path out) {
        if (!Files.isRegularFile(openapi)) {
            throw new ConfigException(openapi, "--openapi", "no such file: expected the API's OpenAPI document "
                    + "(JSON or YAML, OpenAPI 3 or Swagger 2.0)");
        }
        if (!Files.isDirectory(pacts)) {
            throw new ConfigException(pacts, "--pacts", "no such folder: expected the folder of the consumers' Pact "
                    + "files (*.json)");
        }
        ApiModel model = ApiModel.load(openapi.toAbsolutePath().normalize().toUri().toString(), null);
        if (!model.readable()) {
            throw new ConfigException(openapi, "--openapi", "not an OpenAPI document gauntlet can read: "
                    + model.problem());
        }
        ContractSet set = ContractSet.folder(pacts);
        if (!set.problems().isEmpty()) {
            throw new ConfigException(pacts, "--pacts", String.join("; ", set.problems()));
        }
        String name = provider(set, provider, pacts);
        List<String> command = command(start);
        ContractResponses responses = ContractResponses.of(new ContractInputs(set, model), name);
        List<String> exercised = model.names().stream().filter(responses.operations()::contains).toList();
        if (exercised.isEmpty()) {
            throw new ConfigException(pacts, "--pacts", "no interaction of the pacts for '" + name + "' is an "
                    + "operation of " + openapi + " (it has: " + Names.list(model.names()) + ")");
        }
        List<String> uncovered = model.names().stream()
                .filter(o -> !responses.operations().contains(o) && !model.tagged(o, "meta")).toList();
        boolean states = set.forProvider(name).stream().map(ContractPact::pact)
                .anyMatch(p -> p.getInteractions().stream().anyMatch(i -> !i.getProviderStates().isEmpty()));
        if (stateChangePath != null && !stateChangePath.startsWith("/")) {
            throw new ConfigException(pacts, "--state-change-path", "expected a path starting with '/' such as "
                    + "/_gauntlet/provider-state, got '" + stateChangePath + "'");
        }
        Path folder = out.toAbsolutePath().normalize().getParent();
        String schema = folder.relativize(Path.of(EnvironmentSchema.FILE).toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
        return new Inputs(name, command, health != null ? health(health) : health(model), pacts.toString(),
                openapi.toString(), mix(exercised), uncovered, stateChangePath, states, schema);
    }

    /** The environment file's text. */
    public static String text(Inputs in) {
        StringBuilder y = new StringBuilder();
        y.append("# yaml-language-server: $schema=").append(in.schema()).append('\n');
        y.append("# Written by gauntlet init: a starting point. Check it with 'gate --env FILE --dry-run', then run the\n");
        y.append("# gate without --dry-run. gauntlet's docs/configuration.md documents every field.\n");
        y.append("name: ").append(quote(in.name())).append("\nkind: local\n\nservices:\n");
        y.append("  ").append(quote(in.name())).append(":\n    underTest: true\n");
        y.append("    command: [").append(String.join(", ", in.command().stream().map(StarterFile::quote).toList()))
                .append("]\n");
        y.append("    health: ").append(quote(in.health())).append(in.health().equals("port")
                ? "                  # no health path in the document: ready when its port accepts a connection\n"
                : "\n");
        y.append("    startTimeout: 60s\n\ncontracts:\n");
        y.append("  folder: ").append(quote(in.pacts())).append('\n');
        y.append("  openapi: ").append(quote(in.openapi()))
                .append("   # coverage: every operation of the document needs an interaction\n");
        if (in.stateChangePath() != null) {
            y.append("  stateChangePath: ").append(quote(in.stateChangePath())).append('\n');
        } else if (in.states()) {
            y.append("  # stateChangePath: /provider-state   # the pacts have provider states: the path your API sets "
                    + "them up on\n");
        }
        if (!in.uncovered().isEmpty()) {
            y.append("  # coverageIgnore:                   # no pact exercises these: write a contract, or ignore "
                    + "them here\n");
            in.uncovered().forEach(o -> y.append("  #   - ").append(quote(o)).append('\n'));
        }
        y.append("\nload:\n  from: contracts                     # every interaction of the pacts becomes traffic\n");
        y.append("  mix:                                # percent of the visits per operation (reads 3 : writes 1)\n");
        in.mix().forEach((op, percent) -> y.append("    ").append(quote(op)).append(": ").append(percent).append('\n'));
        y.append("""
                  plan:                               # one minute
                    - {phase: warmup, rate: 5/s, duration: 10s}      # not scored
                    - {phase: baseline, rate: 10/s, duration: 40s}
                    - {phase: spike, rate: 3x, duration: 10s}        # 3 x the baseline's rate

                objectives:
                  - {phase: baseline, latency: "p95 < 500ms"}
                  - {phase: baseline, latency: "p99 < 1s"}
                  - {phase: baseline, errors: "< 1%"}
                  - {phase: baseline, throughput: ">= 90%"}
                  - {phase: spike, errors: "< 5%"}
                """);
        return y.toString();
    }

    /** The one provider of the pacts, or {@code named} when it is one of them. */
    private static String provider(ContractSet set, String named, Path pacts) {
        Set<String> providers = new TreeSet<>(set.providers());
        if (providers.isEmpty()) {
            throw new ConfigException(pacts, "--pacts", "no Pact files (*.json) in the folder");
        }
        if (named != null) {
            if (!providers.contains(named)) {
                throw new ConfigException(pacts, "--name", "no pact is for provider '" + named + "'"
                        + Names.didYouMean(named, providers) + " (the pacts' providers: " + Names.list(providers) + ")");
            }
            return named;
        }
        if (providers.size() > 1) {
            throw new ConfigException(pacts, "--name", "the pacts are for " + providers.size() + " providers ("
                    + Names.list(providers) + "): say which one is your API with --name");
        }
        return providers.iterator().next();
    }

    /** {@code --start}'s words, as a shell splits them (quotes and backslashes), with {@code ${port}} kept. */
    static List<String> command(String start) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < start.length(); i++) {
            char c = start.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < start.length()) {
                    word.append(start.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < start.length()) {
                word.append(start.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new ConfigException(Path.of("--start"), "", "a quote (" + quote + ") is not closed in '" + start + "'");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new ConfigException(Path.of("--start"), "", "expected the command that starts your API, such as "
                    + "\"java -jar my-api.jar --port ${port}\"");
        }
        if (words.stream().noneMatch(w -> w.contains("${port}"))) {
            throw new ConfigException(Path.of("--start"), "", "the command must pass ${port} to your API (the gate "
                    + "picks a free 127.0.0.1 port and puts it there), such as \"java -jar my-api.jar --port ${port}\"; "
                    + "in a shell, quote it with '...' so the shell leaves ${port} alone");
        }
        return words;
    }

    private static String health(String given) {
        if (!given.equals("port") && !given.startsWith("/")) {
            throw new ConfigException(Path.of("--health"), "", "expected an HTTP path starting with '/' such as "
                    + "/health, or 'port', got '" + given + "'");
        }
        return given;
    }

    /** The document's health path, or {@code port}. */
    private static String health(ApiModel model) {
        for (String path : HEALTH_PATHS) {
            if (model.names().contains("GET " + path)) {
                return path;
            }
        }
        return "port";
    }

    /** Percent of the visits per operation: reads weigh 3, writes 1; whole percents, at most 100 in all. */
    static Map<String, Integer> mix(List<String> operations) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String op : operations) {
            String method = op.substring(0, op.indexOf(' ')).toUpperCase(Locale.ROOT);
            weights.put(op, method.equals("GET") || method.equals("HEAD") ? 3 : 1);
        }
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Integer> out = new LinkedHashMap<>();
        weights.forEach((op, w) -> out.put(op, Math.max(1, 100 * w / total)));
        while (out.values().stream().mapToInt(Integer::intValue).sum() > 100) {
            String largest = out.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            out.put(largest, out.get(largest) - 1);
        }
        return out;
    }

    /** A YAML scalar: plain when safe, else double-quoted (JSON's quoting is YAML's). */
    private static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./-][A-Za-z0-9_./-]*") && !s.matches("(?i)true|false|null|yes|no|on|off|~|[-0-9.]+")) {
            return s;
        }
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
