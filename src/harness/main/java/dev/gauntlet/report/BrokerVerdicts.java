package dev.gauntlet.report;

import dev.gauntlet.contract.BrokerPublication;
import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.InteractionResult;
import dev.gauntlet.slo.Status;

/** The checks {@link Verdicts} makes of what came from a Pact Broker: pending pacts and published results. */
final class BrokerVerdicts {
    private BrokerVerdicts() {
    }

    /** A broken interaction of a pending pact: reported as a WARN, never a FAIL, with every mismatch as evidence. */
    static Reason pending(InteractionResult i) {
        StringBuilder evidence = new StringBuilder("the Pact Broker marks this pact pending (the consumer's new "
                + "expectation has not been verified by this provider yet): its failure does not fail the gate\n");
        for (ContractFailure f : i.failures()) {
            evidence.append(f.summary()).append("\n  expected: ").append(f.expected())
                    .append("\n  actual:   ").append(f.actual()).append('\n');
        }
        return new Reason(Status.WARN, "contracts." + i.consumer(), i.interaction(), "pending pact, contract broken: "
                + i.failures().get(0).summary(), evidence.toString(), i.millis());
    }

    /** A failing security probe of a pending pact: a WARN, never a FAIL, with the probe's evidence. */
    static Reason pending(dev.gauntlet.probe.ProbeResult p) {
        return Reason.warn("security." + p.kind().field(), p.operation() + " " + p.probe(),
                "pending pact, security probe failed: " + p.summary(), "the Pact Broker marks the pact this probe "
                        + "was made from pending: its failure does not fail the gate\n" + SecurityViews.evidence(p));
    }

    /** A response field no contract mentions, of an operation only pending pacts exercise: a WARN, never a FAIL. */
    static Reason pending(dev.gauntlet.contract.Exposure e, String field) {
        return Reason.warn("contracts.exposure", e.operation() + " " + field, "pending pact, response field no contract "
                + "mentions: " + field + " in " + e.operation(), e.operation() + " returned " + field + ", which no "
                + "consumer's contract mentions; only pending pacts (on the Pact Broker) exercise " + e.operation());
    }

    /** Published: PASS naming the result sent; not published: WARN with why (the verification itself stands). */
    static Reason published(BrokerPublication p) {
        if (p.published()) {
            return Reason.pass("contracts.broker", p.pact(), "verification result published: "
                    + (p.success() ? "success" : "failure") + " for provider version " + p.version());
        }
        return Reason.warn("contracts.broker", p.pact(), "verification result not published: " + p.error(),
                "the pact " + p.url() + " was verified (" + (p.success() ? "success" : "failure") + "), but the "
                        + "result could not be sent to the Pact Broker");
    }
}
