package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.Version;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The versioned migration, undo, verify and progress scripts a module ships, read from its own jar. */
public final class ModuleScripts {

    private final ModuleDescriptor module;
    private final List<ScriptName> migrations;
    private final List<ScriptName> undos;
    private final List<ScriptName> verifies;
    private final List<ScriptName> progress;

    private ModuleScripts(ModuleDescriptor module) {
        this.module = module;
        this.migrations = scan(module, module.migrationLocation(), 'V');
        this.undos = scan(module, module.undoLocation(), 'U');
        this.verifies = scan(module, module.verifyLocation(), 'V');
        this.progress = scan(module, module.progressLocation(), 'V');
    }

    public static ModuleScripts of(ModuleDescriptor module) {
        return new ModuleScripts(module);
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
        return undos.stream().filter(s -> s.version().equals(version)).findFirst();
    }

    public Optional<ScriptName> verifyFor(Version version) {
        return verifies.stream().filter(s -> s.version().equals(version)).findFirst();
    }

    /** The progress query of migration {@code version}, if the module ships one ({@link ModuleDescriptor#progressLocation()}). */
    public Optional<ScriptName> progressFor(Version version) {
        return progress.stream().filter(s -> s.version().equals(version)).findFirst();
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
}
