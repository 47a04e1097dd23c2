package dev.gauntlet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
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
        noClasses().that().resideOutsideOfPackages("dev.gauntlet.gate..", "dev.gauntlet.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.gauntlet.gate..", "dev.gauntlet.cli..")
                .check(harness);
    }

    /**
     * Every package of the harness has its place, and a package only uses those below it: the stages never use the
     * report, the configuration or the gate; the report never uses the configuration. A new package fails this test
     * until it is given a layer here.
     */
    @Test
    void everyPackageHasItsLayer() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.gauntlet..")
                .layer("command line").definedBy("dev.gauntlet.cli..")
                .layer("gate").definedBy("dev.gauntlet.gate..")
                .layer("checks before the start").definedBy("dev.gauntlet.preflight..")
                .layer("configuration").definedBy("dev.gauntlet.config..")
                .layer("export").definedBy("dev.gauntlet.prometheus..")
                .layer("report").definedBy("dev.gauntlet.report..")
                .layer("stages").definedBy("dev.gauntlet.contract..", "dev.gauntlet.probe..",
                        "dev.gauntlet.conformance..", "dev.gauntlet.durability..", "dev.gauntlet.environment..",
                        "dev.gauntlet.fault..", "dev.gauntlet.load..", "dev.gauntlet.slo..", "dev.gauntlet.resource..",
                        "dev.gauntlet.history..", "dev.gauntlet.cache..", "dev.gauntlet.monitor..")
                .layer("base").definedBy("dev.gauntlet.files..", "dev.gauntlet.process..", "dev.gauntlet.units..",
                        "dev.gauntlet.guard..", "dev.gauntlet.network..", "dev.gauntlet.stats..")
                .whereLayer("command line").mayNotBeAccessedByAnyLayer()
                .whereLayer("gate").mayOnlyBeAccessedByLayers("command line")
                .whereLayer("checks before the start").mayOnlyBeAccessedByLayers("gate", "command line")
                .whereLayer("configuration").mayOnlyBeAccessedByLayers("checks before the start", "gate", "command line")
                .whereLayer("export").mayOnlyBeAccessedByLayers("configuration", "checks before the start", "gate",
                        "command line")
                .whereLayer("report").mayOnlyBeAccessedByLayers("export", "gate", "command line")
                .whereLayer("stages").mayOnlyBeAccessedByLayers("report", "export", "configuration",
                        "checks before the start", "gate", "command line")
                .ensureAllClassesAreContainedInArchitecture()
                .check(harness);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.gauntlet.(*)..").should().beFreeOfCycles().check(harness);
    }
}
