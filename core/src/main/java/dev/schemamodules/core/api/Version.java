package dev.schemamodules.core.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A schema version: the version of a migration ({@code V3__...} is {@code 3}, {@code V1_2__...} is
 * {@code 1.2}), of a module's newest migration, or a version a module requires. Parts are whole numbers
 * separated by {@code .} (or {@code _}, as in script names), compared numerically part by part; missing
 * trailing parts count as zero, so {@code 1}, {@code 1.0} and {@code 1_0} are equal. The same ordering
 * Flyway applies to the versions in its history table.
 */
public final class Version implements Comparable<Version> {

    private static final Pattern FORM = Pattern.compile("\\d+([._]\\d+)*");

    /** Version {@code 0}: nothing applied. Undoing to it reverts a module completely. */
    public static final Version ZERO = parse("0");

    private final String text;
    private final List<BigInteger> parts;

    private Version(String text, List<BigInteger> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Parses {@code 3}, {@code 1.2} or {@code 1_2}.
     *
     * @param version the text
     * @return the version
     * @throws IllegalArgumentException when {@code version} is not whole numbers separated by dots or underscores
     */
    public static Version parse(String version) {
        Objects.requireNonNull(version, "version");
        String v = version.strip();
        if (!FORM.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + version + "' is not a schema version (whole numbers separated by '.', e.g. 3 or 1.2)");
        }
        String normalized = v.replace('_', '.');
        List<BigInteger> parts = new ArrayList<>();
        for (String p : normalized.split("\\.")) {
            parts.add(new BigInteger(p));
        }
        int n = parts.size();
        while (n > 1 && parts.get(n - 1).signum() == 0) {
            n--;
        }
        return new Version(normalized, List.copyOf(parts.subList(0, n)));
    }

    @Override
    public int compareTo(Version other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            int c = part(i).compareTo(other.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private BigInteger part(int i) {
        return i < parts.size() ? parts.get(i) : BigInteger.ZERO;
    }

    /**
     * Compares with another version.
     *
     * @param other the other version
     * @return whether this version is above it
     */
    public boolean isAbove(Version other) {
        return compareTo(other) > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** The version as written, with {@code _} shown as {@code .} (e.g. {@code 1.2}). */
    @Override
    public String toString() {
        return text;
    }
}
