package dev.schemamodules.core.api;

import java.util.List;

/**
 * What {@code repair} found and did per module: failed history rows removed (with the INVALID indexes
 * such a failure leaves), applied scripts whose text changed since (realigned only when accepted), and
 * applied migrations this release does not have (reported, never touched).
 *
 * @param modules one entry per module, in plan order
 */
public record RepairReport(List<ModuleRepair> modules) {

    /**
     * What repair found and did in one module.
     *
     * @param module                the module's name
     * @param removedFailedRows     the failed history rows removed, described
     * @param droppedInvalidIndexes the INVALID indexes such failures left, dropped
     * @param changedScripts        applied scripts whose text changed since they were applied
     * @param changesAccepted       whether the changed scripts' checksums were realigned ({@code --accept-changes})
     * @param notInThisRelease      applied migrations this release does not have, described
     */
    public record ModuleRepair(String module, List<String> removedFailedRows, List<String> droppedInvalidIndexes, List<ChangedScript> changedScripts,
                               boolean changesAccepted, List<String> notInThisRelease) {

        /** {@return whether something is left that needs the user (changed scripts not accepted)} */
        public boolean needsAttention() {
            return !changedScripts.isEmpty() && !changesAccepted;
        }
    }

    /**
     * An applied script whose checksum or description differs from this release's.
     *
     * @param version            the migration's version
     * @param script             the script's file name
     * @param location           where this release has it
     * @param appliedChecksum    the checksum recorded when it was applied
     * @param releaseChecksum    this release's checksum
     * @param appliedDescription the description recorded when it was applied
     * @param releaseDescription this release's description
     */
    public record ChangedScript(String version, String script, String location, Integer appliedChecksum, Integer releaseChecksum,
                                String appliedDescription, String releaseDescription) {
    }

    /** {@return whether any module has changed scripts that were not accepted} */
    public boolean needsAttention() {
        return modules.stream().anyMatch(ModuleRepair::needsAttention);
    }
}
