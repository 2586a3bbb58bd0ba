package dev.schemamodules.runner.support;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while the command line is parsed, before anything connects: a bad one is a
 * usage error (exit 2) that names the option, the value and what is accepted.
 */
public final class Inputs {

    private Inputs() {
    }

    /** A whole number of seconds, 1 or more (timeouts: 0 would mean "give up at once" or "never"). */
    public static final class PositiveSeconds implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(value, 1, "a whole number of seconds, 1 or more");
        }
    }

    /** A count, 1 or more. */
    public static final class PositiveCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(value, 1, "a whole number, 1 or more");
        }
    }

    /** A count, 0 or more. */
    public static final class NonNegativeCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(value, 0, "a whole number, 0 or more");
        }
    }

    /** A TCP port, 0 (pick a free one) to 65535. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = atLeast(value, 0, "a TCP port (0 to 65535)");
            if (n > 65535) {
                throw new TypeConversionException("'" + value + "' is not a TCP port (0 to 65535)");
            }
            return n;
        }
    }

    /** A migration version as the scripts spell it: digits separated by dots (1, 2, 2.1). */
    public static final class Version implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.strip();
            if (!v.matches("\\d+(\\.\\d+)*")) {
                throw new TypeConversionException("'" + value + "' is not a migration version; versions are digits separated by dots, e.g. 3 or 2.1");
            }
            return v;
        }
    }

    static int atLeast(String value, int minimum, String expected) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not " + expected);
        }
        if (n < minimum) {
            throw new TypeConversionException("'" + value + "' is not " + expected);
        }
        return n;
    }
}
