package dev.schemamodules.runner;

import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.testing.ModuleCycle;
import dev.schemamodules.testing.TestPostgres;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every module the runner ships, through the full cycle (migrate -> verify -> undo all -> empty ->
 * migrate -> identical catalog). CI runs this class on PostgreSQL 15, 16 and 18 as well
 * ({@code -Dpg.major=N}); the default build runs it on 17.
 */
class AllModulesFullCycleTest {

    @TestFactory
    Stream<DynamicTest> every_module_survives_the_full_cycle() {
        return ModuleRegistry.discover(getClass().getClassLoader()).names().stream()
                .map(name -> DynamicTest.dynamicTest(name + " on PostgreSQL " + TestPostgres.majorVersion(), () -> ModuleCycle.assertFullCycle(name)));
    }
}
