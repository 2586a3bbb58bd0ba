package dev.schemamodules.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Candidate value expressions of the row number {@code g} per column type, for {@link RowGenerator}: unique
 * text and numbers, enum labels in turn, timestamps in the past, the default, literals quoted in the column's
 * CHECK constraints (and its domain's), NULL when allowed.
 */
final class RowCandidates {

    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_0-9.])-?\\d+(?:\\.\\d+)?(?![A-Za-z_0-9])");

    private RowCandidates() {
    }

    /** Candidate value expressions of {@code g} for a column, most useful first; "DEFAULT" means: leave it out. */
    static List<String> of(GeneratedTable.Column col, boolean isEnum, String baseType, String category, List<String> checkDefs) {
        Set<String> out = new LinkedHashSet<>();
        if (col.hasDefault) {
            out.add("DEFAULT");
        }
        String cast = "::" + col.type;
        List<String> quoted = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (String def : checkDefs) {
            Matcher m = QUOTED.matcher(def);
            while (m.find()) {
                quoted.add(m.group(1).replace("''", "'"));
            }
            Matcher n = NUMBER.matcher(def.replaceAll("'(?:[^']|'')*'", "''"));
            while (n.find()) {
                numbers.add(n.group());
            }
        }
        String t = baseType.toLowerCase(java.util.Locale.ROOT);
        if (isEnum) {
            out.add("(enum_range(NULL" + cast + "))[1 + (g % cardinality(enum_range(NULL" + cast + ")))::int]");
            out.add("(enum_range(NULL" + cast + "))[1]");
            out.add("(enum_range(NULL" + cast + "))[2]");
            out.add("(enum_range(NULL" + cast + "))[3]");
        } else if (t.equals("uuid")) {
            out.add("gen_random_uuid()");
        } else if (t.equals("boolean")) {
            out.add("(g % 2 = 0)");
            out.add("true");
            out.add("false");
        } else if (t.startsWith("timestamp")) {
            out.add("(now() - (g % 525600) * interval '1 minute')" + cast);
            out.add("(now() + (1 + g % 525600) * interval '1 minute')" + cast);
            out.add("now()" + cast);
        } else if (t.equals("date")) {
            out.add("(current_date - (g % 3650)::int)");
            out.add("(current_date + (1 + g % 3650)::int)");
            out.add("current_date");
        } else if (t.startsWith("time")) {
            out.add("(time '08:00' + (g % 480) * interval '1 minute')" + cast);
            out.add("(time '17:00' + (g % 360) * interval '1 minute')" + cast);
        } else if (t.equals("interval")) {
            out.add("((1 + g % 120) * interval '1 minute')");
        } else if (t.equals("json") || t.equals("jsonb")) {
            out.add("'{}'" + cast);
            out.add("'[]'" + cast);
            out.add("jsonb_build_object('n', g)" + cast);
        } else if (t.equals("inet") || t.equals("cidr")) {
            out.add("('10.' || (g / 65536 % 256) || '.' || (g / 256 % 256) || '.' || (g % 256))" + cast);
        } else if (t.equals("bytea")) {
            out.add("decode(md5(g::text), 'hex')");
        } else if (t.equals("tsvector")) {
            out.add("to_tsvector('simple', 'v' || g)");
        } else if ("A".equals(category)) {
            out.add("'{}'" + cast);
        } else if ("N".equals(category)) {
            boolean integer = t.equals("smallint") || t.equals("integer") || t.equals("bigint");
            if (t.equals("smallint")) {
                out.add("(g % 30000)" + cast);
            } else {
                out.add("g" + cast);
            }
            for (String n : numbers) {
                out.add("(" + n + ")" + cast);
            }
            out.add("(1 + g % 5)" + cast);
            out.add("1" + cast);
            out.add("0" + cast);
            if (!integer) {
                out.add("((g % 10000) / 100.0)" + cast);
            }
        } else if ("S".equals(category)) {
            out.add("('v' || g)" + cast);
            // shorter and still unique: a varchar(7) cut 'v1000000' to 'v100000', a duplicate of row 100,000
            // (therapy.partners.partner_id at 1,000,000 rows); in hex, 'v' and six digits reach 16.7 million rows
            out.add("('v' || to_hex(g))" + cast);
            for (String q : quoted) {
                out.add("'" + q.replace("'", "''") + "'" + cast);
            }
            out.add("('u' || g || '@example.test')" + cast);
            out.add("('+1555' || lpad(g::text, 7, '0'))" + cast);
            out.add("md5(g::text)" + cast);
            out.add("'a'" + cast);
        } else {
            for (String q : quoted) {
                out.add("'" + q.replace("'", "''") + "'" + cast);
            }
        }
        if (!col.notNull) {
            out.add("NULL" + cast);
        }
        return new ArrayList<>(out);
    }
}
