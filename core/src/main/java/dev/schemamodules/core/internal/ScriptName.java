package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.Version;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned script's file name, {@code <prefix><version>__<description>.sql}: {@code V3__create_x.sql}
 * for migrations and verify scripts, {@code U3__create_x.sql} for undo scripts. The naming rule is
 * enforced here, where it is parsed (and by Flyway for migrations).
 */
public record ScriptName(String fileName, char prefix, Version version, String description) {

    private static final Pattern PATTERN = Pattern.compile("([VU])([0-9]+(?:[._][0-9]+)*)__([A-Za-z0-9_]+)\\.sql");

    public static Optional<ScriptName> parse(String fileName) {
        Matcher m = PATTERN.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ScriptName(fileName, m.group(1).charAt(0),
                Version.parse(m.group(2).replace('_', '.')), m.group(3)));
    }

    /** The file name of a script Flyway names by its path under its location ({@code sub/V3__x.sql} -> {@code V3__x.sql}). */
    public static String fileNameOf(String script) {
        return script.substring(script.lastIndexOf('/') + 1);
    }

    /** The description Flyway gives the script and records in the history: the file name's, underscores as spaces. */
    public String flywayDescription() {
        return description.replace('_', ' ');
    }

    /** The same script's name with another prefix: the undo of {@code V3__x.sql} is {@code U3__x.sql}. */
    public String withPrefix(char otherPrefix) {
        return otherPrefix + fileName.substring(1);
    }
}
