package dev.schemamodules.testing;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.schemamodules.core.internal.CatalogSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A catalog as sorted, readable text (one object per entry: its key, e.g. {@code column therapy.users.email},
 * then its definition indented by four spaces), and a unified diff between two of them. The text is what
 * {@link GoldenCatalog} files hold and what {@link ModuleCycle} prints when an undo step leaves the
 * catalog different.
 *
 * <p>The content is {@link CatalogSnapshot}'s (tables, columns with types, nullability and defaults,
 * constraints with definitions, indexes, enums with labels in order, functions, triggers, policies, RLS
 * flags, grants), minus PostgreSQL 18's NOT NULL constraint rows, which repeat the columns' nullability, and
 * minus relations whose explicit ACL grants nothing beyond the owner's own privileges (the same access as
 * no ACL at all: a REVOKE followed by its undo leaves such an ACL behind).
 */
public final class CatalogText {

    private CatalogText() {
    }

    /** The catalog of {@code schemas} as text. */
    public static String of(Connection c, List<String> schemas) throws SQLException {
        return render(CatalogSnapshot.of(c, schemas));
    }

    static String render(CatalogSnapshot snapshot) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : snapshot.objects().entrySet()) {
            if (e.getKey().startsWith("constraint ") && e.getValue().startsWith("NOT NULL ")
                    || e.getKey().startsWith("grant ") && e.getValue().isBlank()) {
                continue;
            }
            b.append(e.getKey()).append('\n');
            for (String line : e.getValue().strip().split("\n", -1)) {
                b.append(line.isBlank() ? "" : "    " + line.stripTrailing()).append('\n');
            }
        }
        return b.toString();
    }

    /** A unified diff (3 lines of context) from {@code expected} to {@code actual}; empty when equal. */
    public static String diff(String expectedLabel, String expected, String actualLabel, String actual) {
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(expectedLabel, actualLabel, a, DiffUtils.diff(a, b), 3);
        return String.join("\n", unified);
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
