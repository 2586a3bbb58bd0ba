package dev.schemamodules.core.internal;

import dev.schemamodules.core.internal.GeneratedTable.Column;
import dev.schemamodules.core.internal.GeneratedTable.ForeignKey;
import dev.schemamodules.core.internal.GeneratedTable.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The INSERT statements of {@link RowGenerator}: rows of a table from its current candidate choice. */
final class GeneratedInsert {

    private GeneratedInsert() {
    }

    /** INSERT ... SELECT of the current candidate choice; foreign keys take the (g mod n)-th row of their parent. */
    static String sql(Table t, String source, boolean single) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        Map<String, String> fkValue = new HashMap<>();
        int k = 0;
        for (ForeignKey fk : t.foreignKeys) {
            boolean used = fk.columns().stream().map(t::column).anyMatch(col -> col != null && GeneratedTable.current(col).equals(RowGenerator.FK + fk.name()));
            if (!used) {
                continue;
            }
            String alias = "fk" + (k++);
            String cols = String.join(", ", fk.parentColumns().stream().map(GeneratedInsert::quote).toList());
            if (single) {
                joins.append(" LEFT JOIN LATERAL (SELECT ").append(cols).append(" FROM ").append(fk.parentName()).append(" OFFSET ").append(k - 1)
                        .append(" LIMIT 1) ").append(alias).append(" ON true");
            } else {
                joins.append(" LEFT JOIN (SELECT row_number() OVER () - 1 AS rn, ").append(cols).append(" FROM ").append(fk.parentName()).append(") ")
                        .append(alias).append(" ON ").append(alias).append(".rn = (g - 1 + ").append(7919L * (k - 1)).append(") % (SELECT greatest(1, count(*)) FROM ").append(fk.parentName()).append(")");
            }
            for (int i = 0; i < fk.columns().size(); i++) {
                fkValue.put(RowGenerator.FK + fk.name() + "/" + fk.columns().get(i), alias + "." + quote(fk.parentColumns().get(i)));
            }
        }
        for (Column col : t.columns) {
            if (col.skip) {
                continue;
            }
            String v = GeneratedTable.current(col);
            if (v.startsWith(RowGenerator.FK)) {
                v = fkValue.getOrDefault(v + "/" + col.name, "NULL");
            }
            if ("DEFAULT".equals(v)) {
                continue;
            }
            names.add(quote(col.name));
            values.add(v);
        }
        if (names.isEmpty()) {
            return "INSERT INTO " + t.qualified + " SELECT FROM " + source + joins;
        }
        return "INSERT INTO " + t.qualified + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values) + " FROM " + source + joins;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
