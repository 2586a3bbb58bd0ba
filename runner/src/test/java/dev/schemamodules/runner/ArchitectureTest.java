package dev.schemamodules.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The runner is one client of core's public API: its classes (commands, support and its tests) use
 * {@code dev.schemamodules.core}, {@code core.api} and {@code core.db}, never the implementation in
 * {@code core.internal}; its production code does not use Flyway at all.
 */
@AnalyzeClasses(packages = {"dev.schemamodules.runner", "dev.schemamodules.bench"}, importOptions = ImportOption.DoNotIncludeJars.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule runnerUsesOnlyPublicApi = noClasses().should().dependOnClassesThat().resideInAPackage("dev.schemamodules.core.internal..")
            .because("core.internal is core's implementation and may change in any release");

    @ArchTest
    static final ArchRule runnerDoesNotUseFlyway = noClasses().that().resideInAPackage("dev.schemamodules.runner..")
            .and().haveSimpleNameNotEndingWith("Test")
            .should().dependOnClassesThat().resideInAPackage("org.flywaydb..")
            .because("the runner drives migrations through core's engine, never through Flyway directly");

    @ArchTest
    static final ArchRule nothingUsesFlywayInternals = noClasses().should().dependOnClassesThat().resideInAPackage("org.flywaydb..internal..");
}
