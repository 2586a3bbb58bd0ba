package dev.schemamodules.chatbotcrm;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.schemamodules.testing.ModuleBoundaries;

/** This module's classes (main and test) use no class of core.internal and none of Flyway's internal packages. */
@AnalyzeClasses(locations = ModuleBoundaries.OwnClasses.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests boundaries = ArchTests.in(ModuleBoundaries.class);
}
