-- Indexes on the FK columns the application left unindexed (named the way Prisma would name them), built
-- CONCURRENTLY (writers continue), so this script holds nothing else and runs outside a transaction. A
-- failed build leaves an INVALID index, which the next migrate drops before running this again; IF NOT
-- EXISTS skips the ones already built.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "dose_events_medicationId_idx" ON dose_events ("medicationId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "family_members_memberId_idx" ON family_members ("memberId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "prescription_versions_authorId_idx" ON prescription_versions ("authorId");
