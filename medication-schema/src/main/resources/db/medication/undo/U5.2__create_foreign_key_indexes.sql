-- Reverts V5.2: the three FK indexes.
DROP INDEX "prescription_versions_authorId_idx";
DROP INDEX "family_members_memberId_idx";
DROP INDEX "dose_events_medicationId_idx";
