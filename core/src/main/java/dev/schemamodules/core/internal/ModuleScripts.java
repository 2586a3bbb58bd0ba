package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.Version;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versioned migration, undo, verify and progress scripts a module ships, read from its own jar. Listing them
 * parses every name (about 24 ms for a module of 10,000 migrations): a run takes one instance per module and keeps
 * it, and a script is found by its version or file name through a map, not a scan.
 */
public final class ModuleScripts {

    private final ModuleDescriptor module;
    private final List<ScriptName> migrations;
    private final List<ScriptName> undos;
    private final List<ScriptName> verifies;
    private final List<ScriptName> progress;
    private final Map<String, ScriptName> migrationsByFile;
    private final Map<Version, ScriptName> undoByVersion;
    private final Map<Version, ScriptName> verifyByVersion;
    private final Map<Version, ScriptName> progressByVersion;

    private ModuleScripts(ModuleDescriptor module) {
        this.module = module;
        this.migrations = scan(module, module.migrationLocation(), 'V');
        this.undos = scan(module, module.undoLocation(), 'U');
        this.verifies = scan(module, module.verifyLocation(), 'V');
        this.progress = scan(module, module.progressLocation(), 'V');
        this.migrationsByFile = new HashMap<>();
        migrations.forEach(s -> migrationsByFile.putIfAbsent(s.fileName(), s));
        this.undoByVersion = byVersion(undos);
        this.verifyByVersion = byVersion(verifies);
        this.progressByVersion = byVersion(progress);
    }

    /** The first script of each version, in the order of {@code scripts}. */
    private static Map<Version, ScriptName> byVersion(List<ScriptName> scripts) {
        Map<Version, ScriptName> map = new HashMap<>();
        scripts.forEach(s -> map.putIfAbsent(s.version(), s));
        return map;
    }

    public static ModuleScripts of(ModuleDescriptor module) {
        return new ModuleScripts(module);
    }

    /**
     * Version -> migration script of {@code module}, its migration location listed alone: for a reading of the history
     * that needs nothing else of the module (the preflight, validate).
     */
    public static Map<Version, ScriptName> migrationsByVersion(ModuleDescriptor module) {
        return byVersion(scan(module, module.migrationLocation(), 'V'));
    }

    private static List<ScriptName> scan(ModuleDescriptor module, String location, char prefix) {
        return Resources.list(module, location).stream()
                .map(ScriptName::parse)
                .flatMap(Optional::stream)
                .filter(s -> s.prefix() == prefix)
                .sorted(Comparator.comparing(ScriptName::version))
                .toList();
    }

    public List<ScriptName> migrations() {
        return migrations;
    }

    /** The module's schema version once everything it ships is applied ("0" when it ships nothing). */
    public Version latestVersion() {
        return migrations.isEmpty() ? Version.parse("0") : migrations.get(migrations.size() - 1).version();
    }

    public Optional<ScriptName> undoFor(Version version) {
        return Optional.ofNullable(undoByVersion.get(version));
    }

    /** The migration script named {@code fileName} (no folder), if the module ships one. */
    public Optional<ScriptName> migrationNamed(String fileName) {
        return Optional.ofNullable(migrationsByFile.get(fileName));
    }

    public Optional<ScriptName> verifyFor(Version version) {
        return Optional.ofNullable(verifyByVersion.get(version));
    }

    /** The progress query of migration {@code version}, if the module ships one ({@link ModuleDescriptor#progressLocation()}). */
    public Optional<ScriptName> progressFor(Version version) {
        return Optional.ofNullable(progressByVersion.get(version));
    }

    public String readProgress(ScriptName script) {
        return Resources.read(module, module.progressLocation(), script.fileName());
    }

    public String readUndo(ScriptName script) {
        return Resources.read(module, module.undoLocation(), script.fileName());
    }

    public String readVerify(ScriptName script) {
        return Resources.read(module, module.verifyLocation(), script.fileName());
    }

    public String readMigration(ScriptName script) {
        return Resources.read(module, module.migrationLocation(), script.fileName());
    }

    /** The texts of {@code scripts} (migrations of this module) by file name, the module's jar opened once for all. */
    public Map<String, String> readMigrations(List<ScriptName> scripts) {
        return Resources.readAll(module, module.migrationLocation(), scripts.stream().map(ScriptName::fileName).toList(), Long.MAX_VALUE);
    }
}
