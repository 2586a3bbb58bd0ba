-- The index of consultations.selected_plan_id (V3), built CONCURRENTLY (writers continue), so this script
-- holds nothing else and runs outside a transaction. A failed build leaves an INVALID index, which the
-- next migrate drops before running this again.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_consultations_selected_plan ON consultations (selected_plan_id);
