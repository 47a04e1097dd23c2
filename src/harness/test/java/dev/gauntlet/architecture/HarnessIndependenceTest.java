package dev.gauntlet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness ships with a reference system and simulations but never depends on them. Checked on the compiled
 * classes (ArchUnit), so neither {@code import static}, fully qualified names nor reflection by a constant name
 * slip through; the module boundary (the harness module has no dependency on the reference system) backs it up.
 */
class HarnessIndependenceTest {
    private static JavaClasses harness;

    @BeforeAll
    static void importHarness() {
        harness = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gauntlet");
    }

    @Test
    void harnessNeverUsesTheReferenceSystemOrItsSimulations() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.gauntlet.demo..", "simulations..")
                .because("the harness gates any API; the reference system is one user of it")
                .check(harness);
    }

    @Test
    void harnessNeverUsesTheReferenceSystemsLibraries() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "io.github.resilience4j..")
                .check(harness);
    }

    @Test
    void stagesOnlyMeetInTheGate() {
        // the gate package wires the stages; the CLI and the Maven plugin call the gate
        noClasses().that().resideInAnyPackage("dev.gauntlet.contract..", "dev.gauntlet.load..",
                        "dev.gauntlet.slo..", "dev.gauntlet.fault..", "dev.gauntlet.environment..",
                        "dev.gauntlet.report..", "dev.gauntlet.process..", "dev.gauntlet.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.gauntlet.gate..", "dev.gauntlet.cli..")
                .check(harness);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.gauntlet.(*)..").should().beFreeOfCycles().check(harness);
    }
}
