package dev.schemamodules.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package boundaries of core, checked on its compiled classes (the build fails when one is crossed):
 * <ul>
 *   <li>{@code dev.schemamodules.core} (root): entry points that wire the implementation ({@link Engine},
 *       {@link Planner}, {@link ModuleDescriptors});</li>
 *   <li>{@code ..core.api}: the types a caller uses; nothing of the implementation, nothing of Flyway;</li>
 *   <li>{@code ..core.db}: connection settings, pooled data sources, the embedded server, scratch
 *       databases; public, independent of the implementation and of Flyway;</li>
 *   <li>{@code ..core.internal}: the implementation; may use api and db, never the entry points.</li>
 * </ul>
 */
@AnalyzeClasses(packages = "dev.schemamodules", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiIsFreeOfImplementationAndFlyway = noClasses().that().resideInAPackage("dev.schemamodules.core.api..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.schemamodules.core.internal..", "org.flywaydb..",
                    "dev.schemamodules.core.db..", "dev.schemamodules.core")
            .because("core.api is what callers compile against: Flyway and the implementation must stay replaceable behind it");

    @ArchTest
    static final ArchRule dbIsFreeOfImplementationAndFlyway = noClasses().that().resideInAPackage("dev.schemamodules.core.db..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.schemamodules.core.internal..", "org.flywaydb..", "dev.schemamodules.core")
            .because("core.db is public plumbing that callers use directly");

    @ArchTest
    static final ArchRule nothingOutsideCoreUsesInternal = noClasses().that().resideOutsideOfPackage("dev.schemamodules.core..")
            .or().resideInAPackage("dev.schemamodules.core.platform..")
            .should().dependOnClassesThat().resideInAPackage("dev.schemamodules.core.internal..")
            .because("modules and clients use core.api, core.db and the entry points only");

    @ArchTest
    static final ArchRule nothingUsesFlywayInternals = noClasses().should().dependOnClassesThat().resideInAPackage("org.flywaydb..internal..")
            .because("Flyway's internal packages change without notice between releases");

    @ArchTest
    static final ArchRule implementationDoesNotCallEntryPoints = noClasses().that().resideInAnyPackage("dev.schemamodules.core.internal..",
                    "dev.schemamodules.core.lint..")
            .should().dependOnClassesThat().resideInAPackage("dev.schemamodules.core")
            .because("the entry points sit above the implementation, as Flyway's org.flywaydb.core.Flyway sits above api and internal");

    @ArchTest
    static final ArchRule corePackagesAreFreeOfCycles = slices().matching("dev.schemamodules.core.(*)..").should().beFreeOfCycles();
}
