package dev.gauntlet.it;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of the gate IT classes when two run at a time (failsafe's {@code gauntlet.it.parallel}): JUnit's executor
 * hands the class list to its two threads from both ends (one takes the first class, the other the last, and so on
 * inwards), so the heaviest classes sit at the two ends and the lightest in the middle, which both threads reach last:
 * the run then ends with two short classes, not with one long one beside an idle thread. Seconds as measured with two
 * at a time ({@code .ci/run}, session 10); a class not listed (a new one) runs in the middle. ({@code @Isolated}
 * classes run alone after all of these, whatever their place.)
 */
public final class HeaviestFirst implements ClassOrderer {
    /** Heaviest first. */
    static final List<String> BY_WEIGHT = List.of(
            "ContainerGateIT",        // 311 s
            "SeededDefectsIT",        // 279 s
            "StageFailureIT",         // 191 s alone, its twelve gates each in a JVM of its own (session 11)
            "OutageIT",               // 157 s
            "GateIT",                 // 139 s
            "ExternalAndInjectorsIT", // 129 s
            "MemoryLeakIT",           // 107 s
            "SecurityProbesIT",       // 107 s
            "FaultsIT",               // 97 s
            "GateOnJdk25IT",          // 67 s
            "ContractTrafficIT",      // 57 s
            "PrometheusIT",           // 51 s
            "TeardownIT",             // 50 s
            "BrokerGateIT",           // 49 s
            "CoverageExposureIT",     // 47 s
            "LoopbackGuardIT",        // 24 s
            "ShippedEnvironmentsIT",  // 22 s
            "LoopbackGuardOnJdk25IT", // 20 s
            "ProviderVerificationIT"); // 12 s // 30 s

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(c -> position(c.getTestClass().getSimpleName())));
    }

    /** Rank 0 first, rank 1 last, rank 2 second, rank 3 second to last …; unlisted classes between them. */
    static int position(String simpleName) {
        int rank = BY_WEIGHT.indexOf(simpleName);
        if (rank < 0) {
            return 0;
        }
        return rank % 2 == 0 ? -BY_WEIGHT.size() + rank / 2 : BY_WEIGHT.size() - rank / 2;
    }
}
