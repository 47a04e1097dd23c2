package dev.gauntlet.report;

/**
 * What to do about a failed check, in one sentence per kind: the line under each FAIL in every view. General on
 * purpose: it names where to look and what to change, for any API and any defect.
 */
final class Actions {
    private Actions() {
    }

    /** The action for {@code failed}, by its kind (an objective's kind, else its source). */
    static String of(Reason failed) {
        if (failed.source().equals("contracts.coverage")) {
            return "add a consumer interaction that exercises it, or take it out of the OpenAPI document if no one uses it";
        }
        if (failed.source().equals("contracts.exposure")) {
            return "remove the field from the response, or allow it in contracts.allowExposure with a reason";
        }
        if (failed.source().startsWith("security.") || failed.kind().equals("security")) {
            return "fix the endpoint so that it refuses the probe's request (evidence: request and answer), or accept "
                    + "the finding in security.baseline with a reason";
        }
        return switch (failed.kind()) {
            case "gate" -> failed.name().equals("config") ? "correct the environment file as the message says"
                    : "read the evidence (log tail, stack trace in the run folder), fix the cause and run again";
            case "contracts" -> failed.source().equals("contracts") ? "fix or replace the pact files named"
                    : "make the provider answer as the consumer expects, or agree a new contract with the consumer";
            case "faults" -> "check the fault's service and target (through: proxy or process) in the environment file";
            case "load" -> "read the injector's log in the run folder (load/): an injector that died or stalled needs "
                    + "memory or CPU; traffic beyond loopback and targets needs the simulation fixed";
            case "rate-limit" -> "check the rate limiter: above its limit it must answer 429 with Retry-After, "
                    + "and the requests it admits must stay under the latency limit";
            case "latency" -> "find what slowed the operation (latency charts, service logs); if the "
                    + "limit is wrong, change it in objectives";
            case "regression" -> "compare with the earlier runs (history section): a change since then made it slower";
            case "error-rate", "error-budget" -> "look for the 5xx answers and their cause in the service logs";
            case "throughput" -> "the service could not keep up with the offered rate: find its bottleneck";
            case "recovery", "failover" -> "see how the service behaved after the fault (charts, logs); make it recover "
                    + "within the limit";
            case "resource" -> "look at the service's memory and CPU charts for growth or a leak";
            case "durability" -> "an acknowledged write was lost: check how the service commits before it answers";
            case "conformance" -> "make the answers under load match the contracts, as they did one at a time "
                    + "(the evidence shows the answer and the mismatch)";
            case "caching" -> "correct the Cache-Control headers and validators of the answers named";
            case "monitoring" -> "check the service's health and metrics endpoints during the faults";
            default -> "read the evidence of the check in the report and fix the service or the environment file";
        };
    }
}
