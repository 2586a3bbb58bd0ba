package dev.schemamodules.core.api;

import java.util.List;

/**
 * What {@code repair} found and did per module: failed history rows removed (with the INVALID indexes
 * such a failure leaves), applied scripts whose text changed since (realigned only when accepted), and
 * applied migrations this release does not have (reported, never touched).
 */
public record RepairReport(List<ModuleRepair> modules) {

    public record ModuleRepair(String module, List<String> removedFailedRows, List<String> droppedInvalidIndexes, List<ChangedScript> changedScripts,
                               boolean changesAccepted, List<String> notInThisRelease) {

        /** Whether something is left that needs the user (changed scripts not accepted). */
        public boolean needsAttention() {
            return !changedScripts.isEmpty() && !changesAccepted;
        }
    }

    /** An applied script whose checksum or description differs from this release's. */
    public record ChangedScript(String version, String script, String location, Integer appliedChecksum, Integer releaseChecksum,
                                String appliedDescription, String releaseDescription) {
    }

    public boolean needsAttention() {
        return modules.stream().anyMatch(ModuleRepair::needsAttention);
    }
}
