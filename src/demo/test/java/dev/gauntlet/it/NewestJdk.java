package dev.gauntlet.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class's gates on the newest LTS ({@code -Dgauntlet.jdk25}, default
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64}; skipped, saying so, where it is absent), with their run folders under
 * {@code target/it/jdk25}, and only its tests tagged {@value GateIT#EVERY_JDK}: what can differ on another JDK. The
 * class runs beside the others (docs/development.md "The suite"); its tests run on one thread, which this extension
 * points at that JDK for the class's duration.
 */
final class NewestJdk implements BeforeAllCallback, AfterAllCallback, ExecutionCondition {
    @Override
    public void beforeAll(ExtensionContext context) {
        GauntletProcess.onJdk(System.getProperty("gauntlet.jdk25.java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"),
                "target/it/jdk25");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        GauntletProcess.onThisJdk();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty() || context.getTags().contains(GateIT.EVERY_JDK)) {
            return ConditionEvaluationResult.enabled("runs on every JDK");
        }
        return ConditionEvaluationResult.disabled("not tagged " + GateIT.EVERY_JDK + ": judged the same on every JDK");
    }
}
