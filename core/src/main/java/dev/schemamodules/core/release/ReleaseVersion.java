package dev.schemamodules.core.release;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Module release versions ({@code 1.0.0}, {@code 1.10.2}, {@code 1.1.0-SNAPSHOT}) compared as a team
 * expects: numerically segment by segment, and a version with a qualifier ({@code -SNAPSHOT}, {@code -rc1})
 * below the same version without one.
 */
public final class ReleaseVersion {

    /** Orders version strings as described above. */
    public static final Comparator<String> ORDER = ReleaseVersion::compare;

    private ReleaseVersion() {
    }

    public static int compare(String a, String b) {
        List<Long> na = numbers(a);
        List<Long> nb = numbers(b);
        for (int i = 0; i < Math.max(na.size(), nb.size()); i++) {
            long x = i < na.size() ? na.get(i) : 0;
            long y = i < nb.size() ? nb.get(i) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        String qa = qualifier(a);
        String qb = qualifier(b);
        if (qa.isEmpty() || qb.isEmpty()) {
            return Boolean.compare(qa.isEmpty(), qb.isEmpty());
        }
        return qa.compareTo(qb);
    }

    /** True for a version with a qualifier such as {@code -SNAPSHOT}: not a release. */
    public static boolean isSnapshot(String version) {
        return version.endsWith("-SNAPSHOT");
    }

    private static List<Long> numbers(String v) {
        List<Long> out = new ArrayList<>();
        for (String part : base(v).split("\\.")) {
            try {
                out.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                out.add(0L);
            }
        }
        return out;
    }

    private static String base(String v) {
        int dash = v.indexOf('-');
        return dash < 0 ? v : v.substring(0, dash);
    }

    private static String qualifier(String v) {
        int dash = v.indexOf('-');
        return dash < 0 ? "" : v.substring(dash + 1);
    }
}
