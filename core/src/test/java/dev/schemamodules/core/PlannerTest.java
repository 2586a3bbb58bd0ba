package dev.schemamodules.core;

import static dev.schemamodules.core.Fixtures.module;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.Requirement;
import dev.schemamodules.core.api.SchemaModule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planning needs no database: every error here is raised before a connection could exist. */
class PlannerTest {

    @Test
    void dependencies_are_pulled_in_and_ordered_first() {
        Plan plan = Planner.plan(Fixtures.registry(), PlanRequest.of("fixture-good"));
        assertThat(plan.names()).containsExactly("fixture-base", "fixture-good");
        assertThat(plan.module("fixture-base").orElseThrow().requested()).isFalse();
        assertThat(plan.module("fixture-good").orElseThrow().requested()).isTrue();
    }

    @Test
    void order_is_deterministic_whatever_the_discovery_order() {
        List<ModuleDescriptor> modules = new ArrayList<>(List.of(module("c", "c"), module("b", "b", Requirement.of("a", "0")),
                module("a", "a"), module("d", "d", Requirement.of("c", "0")), module("e", "e")));
        List<String> first = Planner.plan(ModuleRegistry.of(modules), PlanRequest.all()).names();
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(modules);
            assertThat(Planner.plan(ModuleRegistry.of(modules), PlanRequest.all()).names()).as("order after shuffle %d", i).isEqualTo(first);
        }
        assertThat(first).as("alphabetical among modules ready at the same time").containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void a_module_built_for_a_newer_engine_is_refused_naming_module_and_both_levels() {
        ModuleDescriptor future = ModuleDescriptor.builder("future").version("2.0.0").schemas("future").apiLevel(SchemaModule.API_LEVEL + 1).build();
        ModuleRegistry registry = Fixtures.registry(future);
        assertThatThrownBy(() -> Planner.plan(registry, PlanRequest.of("future")))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("module future 2.0.0")
                .hasMessageContaining("needs module-API level " + (SchemaModule.API_LEVEL + 1))
                .hasMessageContaining("this engine supports up to level " + SchemaModule.API_LEVEL);
        assertThat(Planner.plan(registry, PlanRequest.of("fixture-good")).names()).as("the other modules still plan").contains("fixture-good");
    }

    @Test
    void the_modules_of_this_build_state_the_engine_level_and_a_descriptor_without_the_key_is_level_1() {
        ModuleDescriptor platform = ModuleRegistry.discover(getClass().getClassLoader()).find("platform").orElseThrow();
        assertThat(platform.apiLevel()).as("api-level in module.properties, filled from the build property schema-modules.module-api.level")
                .isEqualTo(SchemaModule.API_LEVEL);
        assertThat(ModuleDescriptor.builder("old").schemas("old").build().apiLevel()).isEqualTo(1);
    }

    @Test
    void missing_dependency_is_refused_naming_module_and_requirement() {
        ModuleRegistry registry = ModuleRegistry.of(List.of(module("orders", "orders", Requirement.of("customers", "3"))));
        assertThatThrownBy(() -> Planner.plan(registry, PlanRequest.of("orders")))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("module orders requires customers>=3")
                .hasMessageContaining("no module named 'customers'");
    }

    @Test
    void cycle_is_refused_and_printed() {
        ModuleRegistry registry = ModuleRegistry.of(List.of(module("a", "a", Requirement.of("b", "0")), module("b", "b", Requirement.of("c", "0")),
                module("c", "c", Requirement.of("a", "0")), module("z", "z")));
        assertThatThrownBy(() -> Planner.plan(registry, PlanRequest.all()))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("dependency cycle: a -> b -> c -> a");
    }

    @Test
    void dependency_below_required_version_is_refused() {
        ModuleRegistry registry = Fixtures.registry(module("needs-more", "needs_more", Requirement.of("fixture-base", "3")));
        assertThatThrownBy(() -> Planner.plan(registry, PlanRequest.of("needs-more")))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("module needs-more requires fixture-base>=3")
                .hasMessageContaining("only reaches schema version 2");
    }

    @Test
    void duplicate_module_name_is_refused() {
        assertThatThrownBy(() -> ModuleRegistry.of(List.of(module("dup", "dup_a"), module("dup", "dup_b"))))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("duplicate module name 'dup'");
    }

    @Test
    void unknown_module_is_refused_listing_the_available_ones() {
        assertThatThrownBy(() -> Planner.plan(Fixtures.registry(), PlanRequest.of("nope")))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("unknown module 'nope'")
                .hasMessageContaining("fixture-base");
    }

    @Test
    void schema_override_renames_schema_and_placeholders_follow() {
        Plan plan = Planner.plan(Fixtures.registry(), PlanRequest.of("fixture-good").withSchemaOverrides(Map.of("fixture_base", "public")));
        PlannedModule good = plan.module("fixture-good").orElseThrow();
        assertThat(good.placeholders()).containsEntry("schema", "fixture_good").containsEntry("schema.fixture_base", "public");
        assertThat(good.allowedSchemas()).containsExactly("fixture_good", "public");
        assertThat(plan.module("fixture-base").orElseThrow().schemas()).containsExactly("public");
    }

    @Test
    void two_modules_in_one_schema_are_refused() {
        assertThatThrownBy(() -> Planner.plan(Fixtures.registry(), PlanRequest.of("fixture-good")
                .withSchemaOverrides(Map.of("fixture_base", "shared", "fixture_good", "shared"))))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("would share schema shared");
    }

    @Test
    void undeclared_modules_schemas_get_no_placeholder() {
        PlannedModule bad = Planner.plan(Fixtures.registry(), PlanRequest.all()).module("fixture-bad").orElseThrow();
        assertThat(bad.placeholders()).doesNotContainKey("schema.fixture_base");
    }

    @Test
    void invalid_descriptor_values_are_refused() {
        assertThatThrownBy(() -> ModuleDescriptor.builder("Bad Name").schemas("x").build()).isInstanceOf(PlanException.class).hasMessageContaining("Bad Name");
        assertThatThrownBy(() -> ModuleDescriptor.builder("ok").schemas("Bad-Schema").build()).isInstanceOf(PlanException.class).hasMessageContaining("Bad-Schema");
        assertThatThrownBy(() -> ModuleDescriptor.builder("ok").build()).isInstanceOf(PlanException.class).hasMessageContaining("owns no schema");
    }

    @Test
    void every_module_on_the_class_path_is_discovered_with_service_loader() {
        ModuleRegistry registry = ModuleRegistry.discover(getClass().getClassLoader());
        assertThat(registry.names()).contains("platform");
        assertThat(registry.find("platform").orElseThrow().schemas()).containsExactly("platform", "auth");
        assertThat(registry.find("platform").orElseThrow().version()).doesNotContain("${");
    }
}
