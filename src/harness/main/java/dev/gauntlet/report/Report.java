package dev.gauntlet.report;

import dev.gauntlet.contract.AllowedExposure;
import dev.gauntlet.contract.BrokerPublication;
import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.Coverage;
import dev.gauntlet.contract.Exposure;
import dev.gauntlet.contract.InteractionResult;
import dev.gauntlet.contract.Replay;
import dev.gauntlet.fault.FaultEvidence;
import dev.gauntlet.history.RunHistory;
import dev.gauntlet.probe.SecurityResults;
import dev.gauntlet.resource.ResourceSamples;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.List;

/**
 * The verdict of one gate run and all of its evidence: what {@code report.json} holds, and what the JUnit and
 * console views are made from.
 *
 * @param verdict         PASS, INCONCLUSIVE, WARN or FAIL
 * @param reasons         why the verdict is not PASS, one line each
 * @param runId           run folder name
 * @param startedAt       ISO-8601 instant
 * @param finishedAt      ISO-8601 instant
 * @param durationSeconds wall time of the gate
 * @param environment     what ran
 * @param contracts       contract verification, or null if not run
 * @param load            what the load did, or null if not run
 * @param objectives      scored objectives
 * @param faults          faults as scheduled and as they happened
 * @param aborted         set when the run stopped early
 * @param checks          every check the verdict is made of ({@link Verdicts}), passed or not; {@code reasons} are
 *                        the messages of those that are not PASS, and every view renders this list
 * @param security        the security probes made from the contracts, or null if they did not run
 * @param resources       memory and CPU of each service sampled during the load, or null if the load did not run
 * @param history         the run history (folder, runs compared with, calibration), or null when none is kept
 */
public record Report(Status verdict, List<String> reasons, String runId, String startedAt, String finishedAt,
                     double durationSeconds, EnvironmentInfo environment, Contracts contracts, Load load,
                     List<ObjectiveResult> objectives, List<Fault> faults, Aborted aborted, List<Reason> checks,
                     SecurityResults security, ResourceSamples resources, RunHistory history) {
    public Report {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /**
     * This report with one more check made after the verdict (the Prometheus export's): the verdict becomes the worse
     * of the two and a check that is not PASS joins the reasons.
     */
    public Report with(Reason check) {
        List<Reason> all = new java.util.ArrayList<>(checks);
        all.add(check);
        return new Report(verdict == null ? check.status() : verdict.and(check.status()), ReasonLines.texts(all),
                runId, startedAt,
                finishedAt, durationSeconds, environment, contracts, load, objectives, faults, aborted, all, security,
                resources, history);
    }

    /**
     * The reasons with their status, count, what to do and where on the page: {@code reasonLines} in report.json,
     * the same list, in the same order, as {@code reasons} and every view.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("reasonLines")
    public List<ReasonLines.Line> reasonLines() {
        return ReasonLines.of(checks);
    }

    /** A report without resource samples or run history. */
    public Report(Status verdict, List<String> reasons, String runId, String startedAt, String finishedAt,
                  double durationSeconds, EnvironmentInfo environment, Contracts contracts, Load load,
                  List<ObjectiveResult> objectives, List<Fault> faults, Aborted aborted, List<Reason> checks,
                  SecurityResults security) {
        this(verdict, reasons, runId, startedAt, finishedAt, durationSeconds, environment, contracts, load, objectives,
                faults, aborted, checks, security, null, null);
    }

    /** A report without run history. */
    public Report(Status verdict, List<String> reasons, String runId, String startedAt, String finishedAt,
                  double durationSeconds, EnvironmentInfo environment, Contracts contracts, Load load,
                  List<ObjectiveResult> objectives, List<Fault> faults, Aborted aborted, List<Reason> checks,
                  SecurityResults security, ResourceSamples resources) {
        this(verdict, reasons, runId, startedAt, finishedAt, durationSeconds, environment, contracts, load, objectives,
                faults, aborted, checks, security, resources, null);
    }

    /** This report with {@code history} in place of its own. */
    public Report withHistory(RunHistory history) {
        return new Report(verdict, reasons, runId, startedAt, finishedAt, durationSeconds, environment, contracts, load,
                objectives, faults, aborted, checks, security, resources, history);
    }

    /** A report without security probes. */
    public Report(Status verdict, List<String> reasons, String runId, String startedAt, String finishedAt,
                  double durationSeconds, EnvironmentInfo environment, Contracts contracts, Load load,
                  List<ObjectiveResult> objectives, List<Fault> faults, Aborted aborted, List<Reason> checks) {
        this(verdict, reasons, runId, startedAt, finishedAt, durationSeconds, environment, contracts, load, objectives,
                faults, aborted, checks, null);
    }

    /** A report whose checks are made by {@link Verdicts} from its evidence. */
    public Report(Status verdict, List<String> reasons, String runId, String startedAt, String finishedAt,
                  double durationSeconds, EnvironmentInfo environment, Contracts contracts, Load load,
                  List<ObjectiveResult> objectives, List<Fault> faults, Aborted aborted) {
        this(verdict, reasons, runId, startedAt, finishedAt, durationSeconds, environment, contracts, load, objectives,
                faults, aborted, Verdicts.of(contracts, load, objectives, faults, aborted).checks());
    }

    /**
     * A fault on the load clock. Instants are ISO-8601; offsets are milliseconds from the start of the load, and
     * {@code onLateMillis}/{@code offLateMillis} how much later than planned each edge took effect; {@code evidence}
     * whether it was seen to take effect while on (expected, observed), or null when it was never switched on.
     */
    public record Fault(String service, String kind, String phase, String start, String end, long startOffsetMillis,
                        long endOffsetMillis, long onLateMillis, long offLateMillis, String error,
                        FaultEvidence evidence) {

        /** A fault without evidence. */
        public Fault(String service, String kind, String phase, String start, String end, long startOffsetMillis,
                     long endOffsetMillis, long onLateMillis, long offLateMillis, String error) {
            this(service, kind, phase, start, end, startOffsetMillis, endOffsetMillis, onLateMillis, offLateMillis, error,
                    null);
        }
    }

    public record EnvironmentInfo(String name, String kind, List<Service> services) {
    }

    /**
     * A started service; {@code pid} is its process id (for a container: its main process on the host);
     * {@code wildcardListeners} the addresses it listens on with every interface (0.0.0.0, ::) instead of loopback.
     */
    public record Service(String name, String url, String log, boolean underTest, long pid,
                          List<String> wildcardListeners) {
        public Service {
            wildcardListeners = wildcardListeners == null ? List.of() : List.copyOf(wildcardListeners);
        }

        public Service(String name, String url, String log, boolean underTest, long pid) {
            this(name, url, log, underTest, pid, List.of());
        }
    }

    /**
     * @param coverage        operations of the OpenAPI document the contracts exercise, or null (no document)
     * @param exposure        response fields no contract mentions (and not allowed), per operation
     * @param allowedExposure response fields no contract mentions that the environment file allows, with reason
     * @param millis          wall time of the contracts stage
     * @param published       verification results published to the Pact Broker (empty without one)
     */
    public record Contracts(int interactions, long passed, long failed, List<ContractFailure> failures,
                            List<String> problems, List<String> pacts, List<InteractionResult> results,
                            Coverage coverage, List<Exposure> exposure, List<AllowedExposure> allowedExposure,
                            long millis, List<BrokerPublication> published) {
        public Contracts {
            published = published == null ? List.of() : List.copyOf(published);
        }

        /** Contracts verified without a Pact Broker. */
        public Contracts(int interactions, long passed, long failed, List<ContractFailure> failures,
                         List<String> problems, List<String> pacts, List<InteractionResult> results,
                         Coverage coverage, List<Exposure> exposure, List<AllowedExposure> allowedExposure,
                         long millis) {
            this(interactions, passed, failed, failures, problems, pacts, results, coverage, exposure,
                    allowedExposure, millis, List.of());
        }
    }

    /**
     * @param simulation what drove the load: a simulation class, or {@code from contracts}
     * @param operations every operation the load exercised, with its requests; for traffic from contracts also
     *                   the operations whose interactions were all left out
     * @param injectors  with {@code load.injectors} above one: what each injector offered and achieved per phase, its
     *                   requests and start skew (the other fields are their merged records); empty otherwise
     */
    public record Load(String simulation, long requests, List<PhaseSummary> phases, List<String> refusedConnections,
                       String gatlingReport, List<Operation> operations,
                       List<dev.gauntlet.load.InjectorRun> injectors) {
        public Load {
            operations = operations == null ? List.of() : List.copyOf(operations);
            injectors = injectors == null ? List.of() : List.copyOf(injectors);
        }

        /** Of one load worker. */
        public Load(String simulation, long requests, List<PhaseSummary> phases, List<String> refusedConnections,
                    String gatlingReport, List<Operation> operations) {
            this(simulation, requests, phases, refusedConnections, gatlingReport, operations, List.of());
        }

        /** Interactions of the contracts left out of the traffic, each with its reason. */
        public List<Replay> leftOut() {
            return operations.stream().flatMap(o -> o.interactions().stream()).filter(Replay::leftOut).toList();
        }
    }

    /**
     * One operation of the load.
     *
     * @param operation    {@code GET /orders/{id}}
     * @param requests     requests recorded for it (all phases, all outcomes)
     * @param sharePercent share of the visits that replay it (traffic from contracts), else null
     * @param interactions for traffic from contracts: how each of its interactions became traffic, or why it was
     *                     left out; else empty
     * @param phases       its requests table: one row per phase it was recorded in ({@link RequestsTable})
     */
    public record Operation(String operation, long requests, Double sharePercent, List<Replay> interactions,
                            List<RequestsTable.Row> phases) {
        public Operation {
            interactions = List.copyOf(interactions);
            phases = phases == null ? List.of() : List.copyOf(phases);
        }

        /** Without a requests table. */
        public Operation(String operation, long requests, Double sharePercent, List<Replay> interactions) {
            this(operation, requests, sharePercent, interactions, List.of());
        }
    }

    /**
     * @param offeredRps  visits (arrivals) per second the plan offered
     * @param achievedRps visits per second the load generator really started
     * @param requestRps  requests per second recorded (a visit may send several)
     * @param errors      5xx and requests with no answer
     * @param rateLimited 429 answers
     */
    /**
     * @param seconds how long the phase lasted
     * @param ended   why a ranged phase ({@code duration: 10s..60s}, {@code auto}) ended: {@code decided} (every
     *                objective on it decided), {@code settled} (a warm-up's latency), {@code maximum}; null when fixed
     */
    public record PhaseSummary(String name, boolean scored, String start, String end, double offeredRps,
                               double achievedRps, double requestRps, long requests, long errors, long rateLimited,
                               double seconds, String ended) {
        /** How long it lasted and, for a ranged phase, why it ended then: {@code 11.0 s, decided}. */
        public String lasted() {
            String why = ended == null ? "" : switch (ended) {
                case "decided" -> ", decided";
                case "settled" -> ", settled";
                case "maximum" -> ", its maximum";
                default -> ", " + ended;
            };
            return String.format(java.util.Locale.ROOT, "%.1f s%s", seconds, why);
        }
    }

    /**
     * @param stage      the stage that failed: {@code config}, {@code environment}, {@code contracts},
     *                   {@code traffic}, {@code faults}, {@code load}, {@code scoring}, {@code report}, or
     *                   {@code interrupted} (Ctrl-C)
     * @param reason     what happened, with evidence (log tail, causes)
     * @param exception  class name of an unexpected exception that caused it, or null for an expected failure (a
     *                   service that cannot start, a load worker that fails, a mistake in the environment file)
     * @param stackTrace file in the run folder that holds the failure's stack trace, or null
     * @param configuration whether it is a mistake in the environment file (exit 2): the console then ends
     *                   {@code CONFIGURATION ERROR (exit 2)}
     */
    public record Aborted(String stage, String reason, String exception, String stackTrace, boolean configuration) {
        public Aborted(String stage, String reason) {
            this(stage, reason, null, null, false);
        }

        /** Not a mistake in the environment file. */
        public Aborted(String stage, String reason, String exception, String stackTrace) {
            this(stage, reason, exception, stackTrace, false);
        }
    }
}
