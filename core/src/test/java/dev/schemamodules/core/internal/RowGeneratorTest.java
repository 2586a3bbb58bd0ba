package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.Progress;
import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lock report's row generator, on real PostgreSQL. */
class RowGeneratorTest {

    @Test
    void aShortUniqueTextColumnGetsAsManyDistinctValuesAsRowsAsked() throws Exception {
        // varchar(4) at 1,000 rows is therapy.partners.partner_id (varchar(7)) at 1,000,000 rows scaled down:
        // 'v' || g cut to the width repeats (g = 100 and g = 1000 both give 'v100'), and md5 cut to 4 hex digits
        // repeats by chance; before, the load failed with a duplicate key and the migration was measured on 0 rows
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            c.createStatement().execute("CREATE TABLE codes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "code varchar(4) NOT NULL CONSTRAINT codes_code_key UNIQUE)");
            long oid = db.count("SELECT 'codes'::regclass::oid");
            StringWriter progress = new StringWriter();
            List<RowGenerator.Loaded> loaded = new RowGenerator(c).ensureRows(Set.of(oid), 1_000, Progress.lines(new PrintWriter(progress)), "test");
            assertThat(loaded).singleElement().satisfies(l -> {
                assertThat(l.failure()).as(progress.toString()).isNull();
                assertThat(l.rows()).isEqualTo(1_000);
            });
            assertThat(db.count("SELECT count(DISTINCT code) FROM codes")).isEqualTo(1_000);
        }
    }
}
