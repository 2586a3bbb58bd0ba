package dev.schemamodules.core.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Requirement;
import dev.schemamodules.core.lint.LintRule.ScriptKind;
import dev.schemamodules.core.platform.PlatformSchemaModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SM014, the module boundary: db/lint-boundary (schemas lint_boundary, lint_boundary_log; requires platform)
 * among platform and a module "clinic" (schemas clinic, clinic_archive) that it does not require.
 */
class LinterBoundaryTest {

    private static final String V1 = "db/lint-boundary/migration/V1__within_bounds.sql";
    private static final String V2 = "db/lint-boundary/migration/V2__crosses_bounds.sql";
    private static final String SEED = "db/lint-boundary/seed/dev/R__visits.sql";

    private final ModuleDescriptor clinic = ModuleDescriptor.builder("clinic").schemas("clinic", "clinic_archive")
            .classLoader(getClass().getClassLoader()).build();

    private ModuleDescriptor boundary(Requirement... requires) {
        return ModuleDescriptor.builder("lint-boundary").schemas("lint_boundary", "lint_boundary_log").requires(requires)
                .classLoader(getClass().getClassLoader()).build();
    }

    private Linter.Report report(ModuleDescriptor module) {
        return Linter.report(module, ModuleRegistry.of(List.of(new PlatformSchemaModule().descriptor(), clinic, module)));
    }

    private static List<LintFinding> sm014(Linter.Report report) {
        return report.findings().stream().filter(f -> f.ruleId().equals("SM014")).toList();
    }

    @Test
    void a_script_within_the_module_and_its_dependencies_passes() {
        assertThat(sm014(report(boundary(Requirement.of("platform", "1")))).stream().filter(f -> f.file().equals(V1)))
                .as("SM014 findings in V1: own schemas, platform's (required), system schemas, aliases, record variables, "
                        + "comments and plain strings only").isEmpty();
    }

    @Test
    void every_kind_of_crossing_is_reported_on_its_line() {
        List<LintFinding> findings = sm014(report(boundary(Requirement.of("platform", "1"))));
        assertThat(findings).extracting(LintFinding::file, LintFinding::line, LintFinding::waived)
                .as("SM014 findings of db/lint-boundary (undo scripts are not checked)")
                .containsExactly(
                        tuple(V2, 2, false),    // CREATE TABLE in another module's schema
                        tuple(V2, 4, false),    // foreign key to another module's table
                        tuple(V2, 5, false),    // INSERT into another module's second schema
                        tuple(V2, 6, false),    // GRANT on another module's table
                        tuple(V2, 7, false),    // GRANT on another module's schema
                        tuple(V2, 10, false),   // SQL function body
                        tuple(V2, 14, false),   // DO block, through a ${schema.<name>} placeholder
                        tuple(V2, 17, false),   // pinned search_path
                        tuple(V2, 18, false),   // a schema no known module owns
                        tuple(V2, 19, false),   // regclass literal
                        tuple(V2, 21, true),    // waived: OWNER TO
                        tuple(SEED, 2, false)); // seed scripts too
        assertThat(findings).extracting(LintFinding::module).containsOnly("lint-boundary");
        assertThat(findings.get(0).format()).as("the finding names file, line, the schema, its module and the fix").isEqualTo(V2
                + ":2: SM014 clinic.visit_notes names schema clinic of module clinic, which module lint-boundary does not require "
                + "(migrate refuses a migration that touches, grants on, writes into or names another module's schema): "
                + "add clinic>=<the version that provides what is used> to requires= in db/lint-boundary/module.properties "
                + "(requires today: platform), or leave clinic's objects alone");
        assertThat(findings.get(8).message()).as("a schema of no known module").startsWith("billing.invoices names schema billing, "
                + "which is neither one of module lint-boundary's schemas (lint_boundary, lint_boundary_log) nor one of a module it requires "
                + "(platform): add the module that owns billing to requires= in db/lint-boundary/module.properties");
        assertThat(findings.get(6).message()).as("the placeholder as written").startsWith("placeholder ${schema.clinic} names schema clinic");
    }

    @Test
    void declaring_the_dependency_clears_the_findings_on_that_module() {
        List<LintFinding> findings = sm014(report(boundary(Requirement.of("platform", "1"), Requirement.of("clinic", "2"))));
        assertThat(findings).extracting(LintFinding::line, LintFinding::message)
                .as("only the schema no module owns is left").containsExactly(
                        tuple(18, "billing.invoices names schema billing, which is neither one of module lint-boundary's schemas "
                                + "(lint_boundary, lint_boundary_log) nor one of a module it requires (platform, clinic): add the module that "
                                + "owns billing to requires= in db/lint-boundary/module.properties, or declare billing in its schemas= if the "
                                + "module owns it"));
    }

    @Test
    void without_the_required_module_known_only_known_modules_schemas_are_reported() {
        ModuleDescriptor module = boundary(Requirement.of("platform", "1"), Requirement.of("ghost", "1"));
        assertThat(sm014(report(module))).extracting(LintFinding::line).as("billing may be ghost's: not reported")
                .doesNotContain(18).contains(2, 14, 19);
    }

    @Test
    void dropping_the_dependency_on_platform_reports_its_schemas() {
        assertThat(sm014(report(boundary())).stream().filter(f -> f.file().equals(V1)))
                .extracting(LintFinding::line, f -> f.message().substring(0, f.message().indexOf(" names")))
                .as("V1 without requires=platform (to_regclass('platform...') is a plain string: not read)").containsExactly(
                        tuple(5, "placeholder ${schema.auth}"),
                        tuple(12, "placeholder ${schema.platform}"),
                        tuple(18, "placeholder ${schema.platform}"));
    }

    @Test
    void the_rule_reads_function_bodies_but_not_comments_or_plain_strings() {
        ModuleDescriptor module = boundary();
        ModuleRegistry registry = ModuleRegistry.of(List.of(clinic, module));
        assertThat(Linter.lintScript(module, registry, "x.sql", ScriptKind.MIGRATION, """
                CREATE FUNCTION ${schema}.f() RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog AS $f$
                BEGIN
                    -- clinic.patients
                    RAISE NOTICE 'clinic.patients';
                    EXECUTE $q$DELETE FROM clinic.patients$q$;
                END
                $f$;""")).extracting(LintFinding::line, LintFinding::ruleId).as("the nested dollar quote is read, the comment and string are not")
                .containsExactly(tuple(5, "SM014"));
        assertThat(Linter.lintScript(module, registry, "x.sql", ScriptKind.UNDO, "DROP TABLE clinic.x;"))
                .as("undo scripts").isEmpty();
        assertThat(Linter.lintScript("lint-boundary", "x.sql", ScriptKind.MIGRATION, "CREATE TABLE clinic.x (id int);"))
                .as("a module known only by name: no descriptor, no SM014").isEmpty();
    }
}
