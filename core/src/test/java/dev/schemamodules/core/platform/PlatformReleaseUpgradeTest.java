package dev.schemamodules.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ReleaseUpgrade;
import org.junit.jupiter.api.Test;

/**
 * Upgrade from the platform module's previous release (git tag {@code core-<version>}, or today's files checked
 * against the release manifest) to today's scripts, with auth users inserted by raw SQL in between.
 */
class PlatformReleaseUpgradeTest {

    @Test
    void data_of_the_previous_release_survives_the_upgrade_to_head() throws Exception {
        ReleaseUpgrade.of("platform").data("""
                INSERT INTO auth.users (id, email) VALUES ('00000000-0000-4000-8000-0000000000f1', 'first@example.test'),
                                                          ('00000000-0000-4000-8000-0000000000f2', 'second@example.test');
                """).assertDataSurvives(db -> {
            assertThat(db.column("SELECT email FROM auth.users ORDER BY email")).containsExactly("first@example.test", "second@example.test");
            assertThat(db.scalar("SELECT id::text FROM auth.users WHERE email = 'second@example.test'")).isEqualTo("00000000-0000-4000-8000-0000000000f2");
        });
    }
}
