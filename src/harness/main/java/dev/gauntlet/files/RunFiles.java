package dev.gauntlet.files;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names of every file a gate run writes and reads back, in its run folder and in the history folder. The one
 * owner of those names: the stage that writes a file and the check that reads it both name it here, so renaming one
 * cannot make a check silently disappear from the verdict.
 *
 * <pre>
 * RUN_DIR/report.json, junit.xml, index.html, stack-trace.txt
 * RUN_DIR/services/NAME.log
 * RUN_DIR/load/worker.log, declare.log, declared.json, traffic.json, timeline.json, worker.json, histograms.hlog,
 *              writes.jsonl, samples.jsonl, tap.json, durability.json, conformance.json, gatling/, prefs/, go
 * RUN_DIR/load/injector-K/  (load.injectors above one: each injector's worker files, as in load/, and ready)
 * HISTORY_DIR/yyyyMMddTHHmmssZ-RUN_ID.json
 * </pre>
 */
public final class RunFiles {
    /** The verdict and its evidence ({@code report.json}). */
    public static final String REPORT_JSON = "report.json";
    /** The checks as JUnit test cases. */
    public static final String JUNIT_XML = "junit.xml";
    /** The page a person reads. */
    public static final String INDEX_HTML = "index.html";
    /** The stack trace of the failure that aborted a run. */
    public static final String STACK_TRACE = "stack-trace.txt";

    /** The load worker's log. */
    public static final String WORKER_LOG = "worker.log";
    /** The log of the worker run that declares a simulation's plan before the load. */
    public static final String DECLARE_LOG = "declare.log";
    /** A simulation's plan as it declared it. */
    public static final String DECLARED = "declared.json";
    /** The traffic made from the contracts, for the load worker. */
    public static final String TRAFFIC = "traffic.json";
    /** The phases as they happened on the load clock (written by the worker, read by faults and scoring). */
    public static final String TIMELINE = "timeline.json";
    /** What decides a ranged phase: the latency claims on it, written by the gate for the load worker. */
    public static final String PHASE_RULES = "phase-rules.tsv";
    /** The load worker's result. */
    public static final String WORKER_RESULT = "worker.json";
    /** Latency histograms per operation, phase and interval. */
    public static final String HISTOGRAMS = "histograms.hlog";
    /** Acknowledged writes seen by the response tap. */
    public static final String WRITES = "writes.jsonl";
    /** Answers sampled by the response tap. */
    public static final String SAMPLES = "samples.jsonl";
    /** What the response tap saw in all. */
    public static final String TAP_SUMMARY = "tap.json";
    /** Acknowledged writes read back after the load. */
    public static final String DURABILITY = "durability.json";
    /** Sampled answers matched against the contracts. */
    public static final String CONFORMANCE = "conformance.json";
    /** The cache checks' findings: answers publicly cacheable, validators not honoured, answers for another identity. */
    public static final String CACHING = "caching.json";
    /** What the monitoring objectives polled: health answers and metric values on the load clock. */
    public static final String MONITORING = "monitoring.json";
    /** Gatling's own results folder. */
    public static final String GATLING = "gatling";
    /** The load worker's preferences root (seeded so that Gatling never checks for updates). */
    public static final String PREFS = "prefs";

    /** The start barrier's go file of several injectors: the agreed start, in epoch millis. */
    public static final String INJECTORS_GO = "go";

    /** Every file the load worker writes: removed before a worker starts so that no stale one is read. */
    public static final java.util.List<String> WORKER_OUTPUT = java.util.List.of(WORKER_LOG, TIMELINE, WORKER_RESULT,
            HISTOGRAMS, WRITES, SAMPLES, TAP_SUMMARY);

    private static final String LOAD = "load";
    private static final String SERVICES = "services";
    private static final String HISTORY_SUFFIX = ".json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunFiles() {
    }

    /** The load's folder of a run folder. */
    public static Path load(Path runDir) {
        return runDir.resolve(LOAD);
    }

    /** The folder of injector {@code index} (1-based) of several, inside the load's folder. */
    public static Path injector(Path loadDir, int index) {
        return loadDir.resolve("injector-" + index);
    }

    /** The log file of one service of the environment. */
    public static Path serviceLog(Path runDir, String service) {
        return runDir.resolve(SERVICES).resolve(service + ".log");
    }

    /** The configuration the gate writes for the load balancer {@code service} in front of a service's replicas. */
    public static Path balancerConfig(Path runDir, String service) {
        return runDir.resolve(SERVICES).resolve(service + ".haproxy.cfg");
    }

    /** The history file name of a run started at {@code started} with id {@code runId}. */
    public static String historyFile(Instant started, String runId) {
        return STAMP.format(started) + "-" + runId.replaceAll("[^A-Za-z0-9._-]", "_") + HISTORY_SUFFIX;
    }

    /** The temporary name a history file is written under before it is moved into place. */
    public static String historyTemp(String historyFile) {
        return "." + historyFile + ".tmp";
    }

    /** Whether {@code file} in the history folder is a run record (not a temporary or hidden file). */
    public static boolean isHistoryFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(HISTORY_SUFFIX) && !name.startsWith(".");
    }
}
