package dev.gauntlet.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gauntlet.contract.BrokerException;
import dev.gauntlet.report.Report;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Pact Broker that cannot be used ends the contracts stage with its own exit code and a plain reason. */
class BrokerExitCodesTest {
    @TempDir
    Path run;

    @Test
    void credentialsAreAConfigurationErrorAndAnUnreachableBrokerAnEnvironmentError() {
        assertEquals(Gate.USAGE, Stages.exitCode(Stages.CONTRACTS, new BrokerException(BrokerException.CONFIGURATION,
                "refused")));
        assertEquals(Gate.ENVIRONMENT_FAILED, Stages.exitCode(Stages.CONTRACTS,
                new BrokerException(BrokerException.UNREACHABLE, "cannot reach")));
    }

    @Test
    void aBrokerFailureEndsTheContractsStageWhereverTheBrokerWasAsked() {
        BrokerException unreachable = new BrokerException(BrokerException.UNREACHABLE, "cannot reach");
        assertEquals(Stages.CONTRACTS, Stages.of(Stages.CONFIG, unreachable), "fetched with the run's inputs");
        assertEquals(Stages.CONTRACTS, Stages.of(Stages.CONTRACTS, unreachable));
        assertEquals(Stages.CONFIG, Stages.of(Stages.CONFIG, new IllegalArgumentException("a mistake")));
    }

    @Test
    void theReasonIsTheMessageWithoutAnExceptionName() {
        Report.Aborted a = Stages.aborted(Stages.CONTRACTS, new BrokerException(BrokerException.UNREACHABLE,
                "cannot reach the Pact Broker at http://127.0.0.1:1"), Path.of("env.yaml"), run);
        assertEquals("cannot reach the Pact Broker at http://127.0.0.1:1", a.reason());
        assertNull(a.exception());
    }
}
