package dev.schemamodules.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.schemamodules.testing.ModuleBoundaries;

/**
 * The runner is one client of core's public API: its classes (commands, support and its tests) use
 * {@code dev.schemamodules.core}, {@code core.api} and {@code core.db}, never the implementation in
 * {@code core.internal} nor Flyway's internal packages (the rules every module checks, {@link ModuleBoundaries});
 * its production code does not use Flyway at all.
 */
@AnalyzeClasses(packages = {"dev.schemamodules.runner", "dev.schemamodules.bench"}, importOptions = ImportOption.DoNotIncludeJars.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests moduleBoundaries = ArchTests.in(ModuleBoundaries.class);

    @ArchTest
    static final ArchRule runnerDoesNotUseFlyway = noClasses().that().resideInAPackage("dev.schemamodules.runner..")
            .and().haveSimpleNameNotEndingWith("Test")
            .should().dependOnClassesThat().resideInAPackage("org.flywaydb..")
            .because("the runner drives migrations through core's engine, never through Flyway directly");
}
