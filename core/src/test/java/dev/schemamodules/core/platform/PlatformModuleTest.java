package dev.schemamodules.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.ModuleCycle;
import dev.schemamodules.testing.ModuleFiles;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@SchemaTest(modules = "platform")
class PlatformModuleTest {

    @Test
    void public_id_has_prefix_underscore_and_24_char_cuid_like_body(TestDatabase db) throws Exception {
        List<String> ids = db.column("SELECT platform.generate_public_id('pat') FROM generate_series(1, 2000)");
        assertThat(ids).allMatch(id -> id.matches("pat_[a-z][a-z0-9]{23}"), "pat_ + letter + 23 letters/digits");
        assertThat(new HashSet<>(ids)).as("2000 ids, no collision").hasSize(2000);
    }

    @Test
    void public_id_with_empty_or_underscored_prefix(TestDatabase db) throws Exception {
        assertThat((String) db.scalar("SELECT platform.generate_public_id('')")).matches("[a-z][a-z0-9]{23}");
        assertThat((String) db.scalar("SELECT platform.generate_public_id()")).matches("[a-z][a-z0-9]{23}");
        assertThat((String) db.scalar("SELECT platform.generate_public_id('apt_')")).matches("apt_[a-z][a-z0-9]{23}");
    }

    @Test
    void public_id_characters_are_spread_over_the_whole_alphabet(TestDatabase db) throws Exception {
        Set<Character> seen = new HashSet<>();
        for (String id : db.column("SELECT platform.generate_public_id('') FROM generate_series(1, 500)")) {
            for (char ch : id.substring(1).toCharArray()) {
                seen.add(ch);
            }
        }
        assertThat(seen).as("36 distinct characters after the first").hasSize(36);
    }

    @Test
    void updated_at_trigger_sets_snake_and_camel_case_columns(TestDatabase db) throws Exception {
        db.execute("""
                CREATE TABLE public.t_snake (id int PRIMARY KEY, v text, updated_at timestamptz DEFAULT '2000-01-01');
                CREATE TRIGGER trg_t_snake_updated_at BEFORE UPDATE ON public.t_snake FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at();
                CREATE TABLE public.t_camel (id int PRIMARY KEY, v text, "updatedAt" timestamp(3) DEFAULT '2000-01-01');
                CREATE TRIGGER trg_t_camel_updated_at BEFORE UPDATE ON public.t_camel FOR EACH ROW EXECUTE FUNCTION platform.set_updated_at('updatedAt');
                INSERT INTO public.t_snake VALUES (1, 'a'); INSERT INTO public.t_camel VALUES (1, 'a');
                UPDATE public.t_snake SET v = 'b'; UPDATE public.t_camel SET v = 'b';
                """);
        assertThat(db.scalar("SELECT updated_at > now() - interval '1 minute' FROM public.t_snake")).isEqualTo(true);
        assertThat(db.scalar("SELECT \"updatedAt\" > now() - interval '1 minute' FROM public.t_camel")).isEqualTo(true);
    }

    @Test
    void auth_uid_reads_the_jwt_sub_setting_and_role_reads_the_role(TestDatabase db) throws Exception {
        String sub = "11111111-2222-3333-4444-555555555555";
        Object uid = db.asUser("authenticated", sub, c -> TestDatabase.query(c, "SELECT auth.uid()::text AS u, auth.role() AS r").get(0));
        assertThat(uid.toString()).contains(sub).contains("authenticated");
        Object anon = db.asUser("anon", null, c -> TestDatabase.query(c, "SELECT auth.uid() AS u").get(0).get("u"));
        assertThat(anon).isNull();
    }

    @Test
    void roles_exist_and_only_service_role_bypasses_rls(TestDatabase db) throws Exception {
        assertThat(db.column("SELECT rolname FROM pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role') AND rolbypassrls ORDER BY 1"))
                .containsExactly("service_role");
        assertThat(db.count("SELECT count(*) FROM pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role')")).isEqualTo(3);
    }

    @Test
    void auth_users_is_created_with_uuid_key(TestDatabase db) throws Exception {
        assertThat(db.catalog("auth").column("users", "id")).get().extracting("type", "nullable").containsExactly("uuid", false);
        assertThat(db.scalar("SELECT managed_here FROM platform.auth_provider")).isEqualTo(true);
    }

    @Test
    void every_platform_function_pins_search_path(TestDatabase db) throws Exception {
        assertThat(db.catalog("platform").functionsWithoutPinnedSearchPath()).isEmpty();
        assertThat(db.catalog("auth").functionsWithoutPinnedSearchPath()).isEmpty();
    }

    @Test
    void anon_cannot_read_auth_users(TestDatabase db) {
        assertThatThrownBy(() -> db.asUser("anon", null, c -> TestDatabase.query(c, "SELECT * FROM auth.users")))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }

    @Test
    void full_cycle_migrate_verify_undo_all_migrate_gives_identical_catalog() throws Exception {
        ModuleCycle.Result r = ModuleCycle.assertFullCycle("platform");
        assertThat(r.migrationsUndone()).as("every platform migration undone, one step at a time").isEqualTo(ModuleFiles.migrationCount("platform"));
        assertThat(r.first()).containsKey("table auth.users").containsKey("function platform.generate_public_id(text)");
    }
}
