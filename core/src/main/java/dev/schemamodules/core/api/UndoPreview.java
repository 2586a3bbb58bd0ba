package dev.schemamodules.core.api;

import java.util.List;

/**
 * What an undo would do, worked out before it does anything.
 *
 * @param cascade  the installed dependents it reverts completely first, each with the requirement that would no
 *                 longer hold (e.g. {@code messaging (requires platform>=3)}), in the order they are reverted
 * @param steps    every undo script it runs, in order
 * @param rowsLost tables its scripts drop that hold rows now, with their row counts
 * @param schemas  the deployed schemas of every module it touches (what a backup must cover)
 */
public record UndoPreview(List<String> cascade, List<Step> steps, List<TableRows> rowsLost, List<String> schemas) {

    /**
     * Copies the lists.
     *
     * @param cascade  see {@link #cascade()}
     * @param steps    see {@link #steps()}
     * @param rowsLost see {@link #rowsLost()}
     * @param schemas  see {@link #schemas()}
     */
    public UndoPreview {
        cascade = List.copyOf(cascade);
        steps = List.copyOf(steps);
        rowsLost = List.copyOf(rowsLost);
        schemas = List.copyOf(schemas);
    }

    /**
     * One undo script of one module.
     *
     * @param module  the module's name
     * @param version the version it undoes
     * @param script  the undo script's file name
     */
    public record Step(String module, String version, String script) {
    }

    /**
     * A table that would be dropped with its rows.
     *
     * @param table the table, schema-qualified
     * @param rows  its rows, counted up to ten million
     */
    public record TableRows(String table, long rows) {
        @Override
        public String toString() {
            return table + " (" + (rows >= 10_000_000L ? "at least 10000000" : String.valueOf(rows)) + " rows)";
        }
    }
}
