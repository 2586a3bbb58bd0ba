package dev.schemamodules.core.api;

import java.util.List;

/** What migrate would run, per module in plan order, with placeholders resolved. Nothing was changed. */
public record DryRunReport(List<ModuleScripts> modules) {

    public DryRunReport {
        modules = List.copyOf(modules);
    }

    /** The pending scripts of one module. */
    public record ModuleScripts(String module, List<Script> scripts) {
        public ModuleScripts {
            scripts = List.copyOf(scripts);
        }
    }

    /** One script: version (null for a seed / repeatable), its file, the exact SQL. */
    public record Script(String version, String script, String sql) {
    }
}
